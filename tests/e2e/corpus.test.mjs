// A representative few of the malformed datasets of tests/datasets/ (all of
// them are checked natively, core/tests/corpus.rs): in the browser each
// produces the diagnostic its .expected file names, as an alert when the
// file cannot be used at all, or as a notice line with the valid outlets
// still shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { useBrowser } from './harness.mjs';

const { open } = useBrowser();
const CORPUS = fileURLToPath(new URL('../datasets/malformed/', import.meta.url));

/** The .expected lines: `LINE:COL: error[code]: text`. */
const expected = (name) =>
  readFileSync(`${CORPUS}${name}.expected`, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.match(/^(\d+):(\d+): error\[(\w+)\]: (.*)$/))
    .map(([, line, , code, text]) => ({ line: Number(line), code, text }));

for (const name of ['02-html-error-page', '03-truncated', '08-schema-version-2', '40-not-utf8']) {
  test(`${name}: a plain alert with the file's problem and a retry`, async () => {
    const app = await open('', { variant: `corpus/${name}` });
    const alert = await app.alertText();
    assert.ok(alert, 'an alert');
    const [e] = expected(name);
    // A member's problem is prefixed by the member in the tool's output.
    const message = e.text.replace(/^schema_version: /, '');
    assert.ok(alert.includes(message), `${alert}\n  should include\n${message}`);
    assert.equal(await app.page.isVisible('[role="alert"] button'), true);
  });
}

for (const name of ['20-swapped-coordinates', '27-services-outside-catalogue', '28-duplicate-id', '33-unreadable-hours', '39-every-problem-of-one-feature', '41-website-not-a-web-address']) {
  test(`${name}: each problem named in the notice, with line and id; the valid outlets shown`, async () => {
    const app = await open('', { variant: `corpus/${name}` });
    const notice = await app.page.innerText('.evl-notice-data');
    for (const e of expected(name)) {
      const [, number, id, field, text] = e.text.match(/^outlet (\d+)(?: \(id "([^"]*)"\))?, ([^:]+): (.*)$/);
      const head = `outlet ${number} (line ${e.line}${id === undefined ? '' : `, id "${id}"`})`;
      assert.ok(notice.includes(`${head}: ${field}: ${text}`), `${notice}\n  should include\n${head}: ${field}: ${text}`);
    }
    assert.ok((await app.listIds()).length > 0, 'the valid outlets are listed');
    assert.equal(await app.alertText(), null);
  });
}

test('an outlet’s https website is linked in its details, opening in a new tab without access to this page', async () => {
  const app = await open('?outlet=evh-shanghai-01', { variant: 'corpus/41-website-not-a-web-address' });
  const link = await app.page.waitForSelector('.evl-details .evl-website a');
  assert.equal(await link.getAttribute('href'), 'https://www.qingyun.example/stores/sh-01');
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  assert.equal(await app.page.$$eval('a[href^="javascript:"]', (a) => a.length), 0);
});
