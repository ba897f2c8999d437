/**
 * The fixed universe behind the `demo` provider and the protocol fakes: real A-share names and codes
 * so screens look familiar, but every price produced for them is SYNTHETIC (see demo-market.ts).
 * `startPrice` is the unadjusted price the random walk starts from on its first trading day.
 */
export interface DemoStock {
  tsCode: string;
  name: string;
  industry: string;
  area: string;
  listDate: string;
  delistDate?: string;
  startPrice: number;
}

type Row = [tsCode: string, name: string, industry: string, area: string, listDate: string, startPrice: number, delistDate?: string];

const ROWS: readonly Row[] = [
  // Shenzhen main board
  ['000001.SZ', '平安银行', '银行', '深圳', '1991-04-03', 12.5],
  ['000002.SZ', '万科A', '全国地产', '深圳', '1991-01-29', 31.2],
  ['000063.SZ', '中兴通讯', '通信设备', '深圳', '1997-11-18', 28.4],
  ['000333.SZ', '美的集团', '家用电器', '广东', '2013-09-18', 42.1],
  ['000538.SZ', '云南白药', '中成药', '云南', '1993-12-15', 98.6],
  ['000568.SZ', '泸州老窖', '白酒', '四川', '1994-05-09', 58.3],
  ['000625.SZ', '长安汽车', '汽车整车', '重庆', '1997-06-10', 14.2],
  ['000651.SZ', '格力电器', '家用电器', '广东', '1996-11-18', 43.9],
  ['000725.SZ', '京东方A', '元器件', '北京', '2001-01-12', 5.6],
  ['000858.SZ', '五粮液', '白酒', '四川', '1998-04-27', 80.5],
  ['000895.SZ', '双汇发展', '食品', '河南', '1998-12-10', 26.7],
  ['002027.SZ', '分众传媒', '影视音像', '广东', '2004-08-04', 10.3],
  ['002142.SZ', '宁波银行', '银行', '浙江', '2007-07-19', 17.9],
  ['002230.SZ', '科大讯飞', '软件服务', '安徽', '2008-05-12', 33.8],
  ['002241.SZ', '歌尔股份', '元器件', '山东', '2008-05-22', 16.4],
  ['002304.SZ', '洋河股份', '白酒', '江苏', '2009-11-06', 110.2],
  ['002352.SZ', '顺丰控股', '仓储物流', '深圳', '2010-02-05', 52.0],
  ['002415.SZ', '海康威视', '电器仪表', '浙江', '2010-05-28', 40.7],
  ['002450.SZ', '康得退', '塑料', '江苏', '2010-07-16', 24.8, '2021-05-31'],
  ['002475.SZ', '立讯精密', '元器件', '深圳', '2010-09-15', 21.5],
  ['002594.SZ', '比亚迪', '汽车整车', '深圳', '2011-06-30', 52.6],
  ['002714.SZ', '牧原股份', '农业综合', '河南', '2014-01-28', 33.1],
  // ChiNext
  ['300015.SZ', '爱尔眼科', '医疗保健', '湖南', '2009-10-30', 24.6],
  ['300059.SZ', '东方财富', '证券', '上海', '2010-03-19', 17.2],
  ['300124.SZ', '汇川技术', '专用机械', '深圳', '2010-09-28', 24.9],
  ['300274.SZ', '阳光电源', '电气设备', '安徽', '2011-11-02', 12.8],
  ['300750.SZ', '宁德时代', '电气设备', '福建', '2018-06-11', 25.14],
  ['300760.SZ', '迈瑞医疗', '医疗保健', '深圳', '2018-10-16', 48.8],
  // Shanghai main board
  ['600000.SH', '浦发银行', '银行', '上海', '1999-11-10', 12.6],
  ['600009.SH', '上海机场', '机场', '上海', '1998-02-18', 39.5],
  ['600028.SH', '中国石化', '石油加工', '北京', '2001-08-08', 5.9],
  ['600030.SH', '中信证券', '证券', '深圳', '2003-01-06', 18.3],
  ['600031.SH', '三一重工', '工程机械', '北京', '2003-07-03', 8.4],
  ['600036.SH', '招商银行', '银行', '深圳', '2002-04-09', 26.3],
  ['600048.SH', '保利发展', '区域地产', '广东', '2006-07-31', 13.4],
  ['600104.SH', '上汽集团', '汽车整车', '上海', '1997-11-25', 31.0],
  ['600276.SH', '恒瑞医药', '化学制药', '江苏', '2000-10-18', 61.7],
  ['600309.SH', '万华化学', '化工原料', '山东', '2001-01-05', 38.9],
  ['600432.SH', '退市吉恩', '小金属', '吉林', '2001-08-22', 6.1, '2018-07-06'],
  ['600519.SH', '贵州茅台', '白酒', '贵州', '2001-08-27', 697.5],
  ['600585.SH', '海螺水泥', '水泥', '安徽', '2002-02-07', 25.7],
  ['600588.SH', '用友网络', '软件服务', '北京', '2001-05-18', 22.0],
  ['600690.SH', '海尔智家', '家用电器', '山东', '1993-11-19', 18.6],
  ['600809.SH', '山西汾酒', '白酒', '山西', '1994-01-06', 47.3],
  ['600887.SH', '伊利股份', '乳制品', '内蒙', '1996-03-12', 27.0],
  ['600900.SH', '长江电力', '水力发电', '北京', '2003-11-18', 14.6],
  ['601012.SH', '隆基绿能', '电气设备', '陕西', '2012-04-11', 19.9],
  ['601088.SH', '中国神华', '煤炭开采', '北京', '2007-10-09', 19.3],
  ['601138.SH', '工业富联', '元器件', '深圳', '2018-06-08', 13.77],
  ['601166.SH', '兴业银行', '银行', '福建', '2007-02-05', 17.4],
  ['601288.SH', '农业银行', '银行', '北京', '2010-07-15', 3.66],
  ['601318.SH', '中国平安', '保险', '深圳', '2007-03-01', 70.9],
  ['601398.SH', '工商银行', '银行', '北京', '2006-10-27', 5.9],
  ['601628.SH', '中国人寿', '保险', '北京', '2007-01-09', 30.2],
  ['601857.SH', '中国石油', '石油开采', '北京', '2007-11-05', 8.1],
  ['601888.SH', '中国中免', '旅游服务', '北京', '2009-10-15', 43.5],
  ['601899.SH', '紫金矿业', '黄金', '福建', '2008-04-25', 3.5],
  ['603259.SH', '药明康德', '医疗保健', '江苏', '2018-05-08', 29.34],
  ['603288.SH', '海天味业', '食品', '广东', '2014-02-11', 49.6],
  // STAR Market
  ['688008.SH', '澜起科技', '半导体', '上海', '2019-07-22', 24.8],
  ['688012.SH', '中微公司', '半导体', '上海', '2019-07-22', 29.01],
  ['688111.SH', '金山办公', '软件服务', '北京', '2019-11-18', 45.86],
  ['688981.SH', '中芯国际', '半导体', '上海', '2020-07-16', 27.46],
  // Beijing Stock Exchange
  ['430047.BJ', '诺思兰德', '生物制药', '北京', '2021-11-15', 12.3],
  ['835185.BJ', '贝特瑞', '电气设备', '深圳', '2021-11-15', 88.0],
];

export const DEMO_UNIVERSE: readonly DemoStock[] = ROWS.map(
  ([tsCode, name, industry, area, listDate, startPrice, delistDate]) => ({
    tsCode,
    name,
    industry,
    area,
    listDate,
    startPrice,
    ...(delistDate ? { delistDate } : {}),
  }),
);

/** Code ranges the generated stocks are drawn from, in turn (exchange by prefix, as in @zhice/shared). */
const GENERATED_RANGES: ReadonlyArray<[first: number, suffix: 'SH' | 'SZ', industry: string]> = [
  [600000, 'SH', '综合'],
  [1, 'SZ', '综合'],
  [300001, 'SZ', '创业'],
  [688001, 'SH', '科技'],
  [2001, 'SZ', '中小'],
  [601000, 'SH', '综合'],
  [603000, 'SH', '综合'],
  [301000, 'SZ', '创业'],
];

/**
 * A SYNTHETIC universe of `size` stocks for load tests and benchmarks (a whole A-share market is
 * ~5,400): the demo universe first, then generated codes spread over the exchanges' ranges, with
 * deterministic names, list dates and start prices. Same size → same universe, on every machine.
 */
export function generateDemoUniverse(size: number): DemoStock[] {
  const out: DemoStock[] = DEMO_UNIVERSE.slice(0, size);
  const taken = new Set(out.map((s) => s.tsCode));
  const next = GENERATED_RANGES.map(([first]) => first);
  for (let i = 0; out.length < size; i++) {
    const lane = i % GENERATED_RANGES.length;
    const [, suffix, industry] = GENERATED_RANGES[lane]!;
    const code = `${String(next[lane]!).padStart(6, '0')}.${suffix}`;
    next[lane]! += 1;
    if (taken.has(code)) continue;
    taken.add(code);
    const n = out.length;
    out.push({
      tsCode: code,
      name: `合成${String(n).padStart(4, '0')}`,
      industry,
      area: '合成',
      listDate: `${2000 + (n % 20)}-0${1 + (n % 9)}-1${n % 10}`,
      startPrice: Math.round((3 + ((n * 7919) % 9700) / 100) * 100) / 100,
    });
  }
  return out;
}
