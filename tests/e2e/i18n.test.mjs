// Chinese and English: the browser's language by default, lang= and the
// header switch to choose; numbers and problems told in the chosen language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, dataset } from './harness.mjs';

const { open } = useBrowser();
const total = dataset.features.length;

test('a Chinese browser gets Chinese, with distances in 公里 and Leaflet’s buttons named in Chinese', async () => {
  const app = await open('?at=31.23041,121.47370', { locale: 'zh-CN' });
  assert.equal(await app.page.getAttribute('html', 'lang'), 'zh-CN');
  assert.match(await app.page.innerText('.evl-subtitle'), /门店/);
  assert.equal(await app.page.innerText('.evl-count'), `共 ${total} 家门店`);
  assert.match(await app.page.innerText('.evl-list > li:first-child .evl-distance'), /^\d+(\.\d)? (公里|米)$/);
  assert.equal(await app.page.getAttribute('.leaflet-control-zoom-in', 'title'), '放大');
  assert.equal(await app.page.getAttribute('.leaflet-control-zoom-out', 'aria-label'), '缩小');
});

test('an English browser gets English; lang=zh and the header switch change it, and the URL keeps the choice', async () => {
  const app = await open('?at=31.23041,121.47370');
  assert.equal(await app.page.getAttribute('html', 'lang'), 'en');
  assert.equal(await app.page.innerText('.evl-count'), `${total} outlets`);
  assert.match(await app.page.innerText('.evl-list > li:first-child .evl-distance'), /^\d+(\.\d)? (km|m)$/);
  await app.page.click('.evl-lang');
  await app.page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.equal(app.params().get('lang'), 'zh');
  assert.equal(await app.page.getAttribute('.leaflet-control-zoom-in', 'title'), '放大');
  assert.match(await app.page.innerText('.evl-list > li:first-child .evl-distance'), /(公里|米)$/);
  const zh = await open('?lang=zh');
  assert.equal(await zh.page.innerText('.evl-count'), `共 ${total} 家门店`);
});

test('problems with the link and the data are told in Chinese too', async () => {
  const link = await open('?lang=zh&radius=-3&kind=dealer&outlet=nope');
  const notice = await link.page.innerText('.evl-notice-url');
  assert.match(notice, /已忽略 radius="-3"：请填公里数/);
  assert.match(notice, /已忽略 kind="dealer"/);
  assert.match(notice, /已忽略 outlet="nope"：没有这个编号的门店/);
  assert.doesNotMatch(notice, /was ignored/);
  await link.page.click('.evl-lang');
  await link.page.waitForFunction(() => document.querySelector('.evl-notice-url')?.innerText.includes('was ignored'));

  const records = await open('?lang=zh', { variant: 'broken/records' });
  const data = await records.page.innerText('.evl-notice-data');
  assert.match(data, /第 4 条（第 \d+ 行，编号“bad-kind”）/);
  assert.match(data, /第 5 条（第 \d+ 行，编号“bad-coords”）：geometry\.coordinates：纬度 \S+、经度 \S+ 位于中国之外，对调后则在其内/);

  const broken = await open('?lang=zh', { variant: 'broken/version' });
  assert.match(await broken.alertText(), /门店数据文件的格式版本是 2；本应用读取第 1 版格式/);
});
