import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAktoolsFake, type AktoolsFake } from './aktools-fake.js';
import { startTushareFake, TUSHARE_FAKE_TOKEN, type TushareFake } from './tushare-fake.js';

/** The wire format of the fakes themselves, checked with raw HTTP (the provider specs check the clients). */

let tushare: TushareFake;
let aktools: AktoolsFake;
let clock = 0;

beforeAll(async () => {
  [tushare, aktools] = await Promise.all([
    startTushareFake({ lastDate: '2024-12-31', now: () => clock }),
    startAktoolsFake({ lastDate: '2024-12-31' }),
  ]);
});
afterAll(() => Promise.all([tushare.close(), aktools.close()]));
beforeEach(() => {
  tushare.resetMode();
  tushare.resetCounters();
  aktools.resetMode();
  aktools.resetCounters();
});

async function post(path: string, body: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${tushare.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

describe('Tushare fake wire format', () => {
  it('answers with the documented envelope, newest first, YYYYMMDD, lots and thousand-yuan', async () => {
    const { status, json } = await post('/', {
      api_name: 'daily',
      token: TUSHARE_FAKE_TOKEN,
      params: { ts_code: '600519.SH', start_date: '20240610', end_date: '20240614' },
      fields: '',
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({ code: 0, msg: '', request_id: expect.any(String) });
    expect(json.data.fields).toEqual(['ts_code', 'trade_date', 'open', 'high', 'low', 'close', 'pre_close', 'change', 'pct_chg', 'vol', 'amount']);
    const dates = json.data.items.map((item: unknown[]) => item[1]);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(dates[0]).toBe('20240614');
    const bar = tushare.market.barsForStock('600519.SH', '2024-06-14', '2024-06-14')[0]!;
    expect(json.data.items[0][9]).toBe(bar.volume / 100);
    expect(json.data.items[0][10]).toBeCloseTo(bar.amount / 1000, 3);
  });

  it('accepts fields as an array and the /dataapi/<api> path; applies limit and offset', async () => {
    const { json } = await post('/dataapi/trade_cal', {
      token: TUSHARE_FAKE_TOKEN,
      params: { start_date: '20240601', end_date: '20240630', limit: 5, offset: 2 },
      fields: ['cal_date', 'is_open'],
    });
    expect(json.data.fields).toEqual(['cal_date', 'is_open']);
    expect(json.data.items).toHaveLength(5);
    expect(json.data.items[0]).toEqual(['20240628', 1]);
    expect(tushare.calls.trade_cal).toBe(1);
  });

  it('uses the documented codes and messages', async () => {
    expect((await post('/', { api_name: 'daily', token: 'bad', params: {} })).json).toMatchObject({
      code: 40101,
      msg: '您的token不对，请确认。',
      data: null,
    });
    tushare.setMode({ noPermission: ['daily'] });
    expect((await post('/', { api_name: 'daily', token: TUSHARE_FAKE_TOKEN, params: {} })).json.msg).toBe(
      '抱歉，您没有接口(daily)访问权限，权限的具体详情访问：https://tushare.pro/document/1?doc_id=108。',
    );
    tushare.setMode({ noPermission: [], rateLimitPerMinute: 1 });
    const call = () => post('/', { api_name: 'trade_cal', token: TUSHARE_FAKE_TOKEN, params: {} });
    expect((await call()).json.code).toBe(0);
    expect((await call()).json).toMatchObject({
      code: 40203,
      msg: '抱歉，您每分钟最多访问该接口1次，权限的具体详情访问：https://tushare.pro/document/1?doc_id=108。',
    });
    clock += 60_001;
    expect((await call()).json.code).toBe(0);
    expect((await post('/', { api_name: 'no_such_api', token: TUSHARE_FAKE_TOKEN, params: {} })).json.msg).toBe('请指定正确的接口名');
    expect((await post('/', '{not json')).json.code).toBe(-1);
  });

  it('returns is_open as an integer and filters stock_basic by list_status', async () => {
    const delisted = await post('/', { api_name: 'stock_basic', token: TUSHARE_FAKE_TOKEN, params: { list_status: 'D' }, fields: 'ts_code,list_status,delist_date' });
    expect(delisted.json.data.items).toEqual([
      ['002450.SZ', 'D', '20210531'],
      ['600432.SH', 'D', '20180706'],
    ]);
  });
});

describe('AKTools fake wire format', () => {
  it('serves stock_zh_a_hist rows with Chinese keys in AKShare order and ISO timestamps', async () => {
    const response = await fetch(`${aktools.url}/api/public/stock_zh_a_hist?symbol=000001&period=daily&start_date=20240610&end_date=20240614&adjust=`);
    const rows = (await response.json()) as Array<Record<string, unknown>>;
    expect(Object.keys(rows[0]!)).toEqual(['日期', '股票代码', '开盘', '收盘', '最高', '最低', '成交量', '成交额', '振幅', '涨跌幅', '涨跌额', '换手率']);
    expect(rows[0]!['日期']).toBe('2024-06-10T00:00:00.000');
    expect(rows.map((row) => row['日期'])).toEqual([...rows.map((row) => row['日期'])].sort());
    expect(Number.isInteger(rows[0]!['成交量'])).toBe(true);
  });

  it('serves qfq prices that end at the traded price', async () => {
    const fetchRows = async (adjust: string) =>
      (await (await fetch(`${aktools.url}/api/public/stock_zh_a_hist?symbol=601398&start_date=20240101&end_date=20241231&adjust=${adjust}`)).json()) as Array<Record<string, number>>;
    const [raw, qfq] = await Promise.all([fetchRows(''), fetchRows('qfq')]);
    expect(qfq.at(-1)!['收盘']).toBe(raw.at(-1)!['收盘']);
    expect(qfq[0]!['收盘']).toBeLessThan(raw[0]!['收盘']!);
  });

  it('uses AKTools 404 texts and the plain 500 of a blocked upstream', async () => {
    const unknown = await fetch(`${aktools.url}/api/public/stock_does_not_exist`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: '未找到该接口，请升级 AKShare 到最新版本并在文档中确认该接口的使用方式：https://akshare.akfamily.xyz' });
    const badPeriod = await fetch(`${aktools.url}/api/public/stock_zh_a_hist?symbol=000001&period=hourly`);
    expect(badPeriod.status).toBe(404);
    expect(((await badPeriod.json()) as { error: string }).error).toContain("请输入正确的参数错误 'hourly'");
    aktools.setMode({ http500: true });
    const blocked = await fetch(`${aktools.url}/api/public/stock_info_a_code_name`);
    expect([blocked.status, await blocked.text()]).toEqual([500, 'Internal Server Error']);
    expect(aktools.calls).toEqual({ stock_does_not_exist: 1, stock_zh_a_hist: 1, stock_info_a_code_name: 1 });
  });

  it('lists trade dates from 1990-12-19 ascending', async () => {
    const rows = (await (await fetch(`${aktools.url}/api/public/tool_trade_date_hist_sina`)).json()) as Array<{ trade_date: string }>;
    expect(rows[0]!.trade_date).toBe('1990-12-19T00:00:00.000');
    expect(rows.at(-1)!.trade_date).toBe('2024-12-31T00:00:00.000');
  });
});
