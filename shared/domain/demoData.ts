/**
 * Demo scenarios (演示数据) for the empty state, benchmarks and tests (issue 3): realistic titles,
 * owners, fields, directions and statuses across Sichuan's counties, with some city- and
 * province-level ones, coordinates inside their region, and `isDemo: true` so they can be removed
 * in one step. Deterministic for a seed.
 */
import { isPointInRegion, type LngLat, type Region, type RegionCode, type RegionIndex } from '../regions/regions';
import { formatCatalogNumber, MAX_CATALOG_SEQUENCE } from './catalogNumber';
import type { Scenario, ScenarioId } from './scenario';
import type { SuspendableStatus } from './scenarioStatus';
import { uuidV4From } from './uuid';
import { TECH_DIRECTIONS, type ApplicationField, type OpeningLevel, type ScenarioStatus, type TechDirection } from './vocabulary';

/**
 * A small seeded PRNG returning uint32s. Hand-written rather than Math.random (not seedable) or a
 * library (shared/ stays dependency-light): mulberry32 is a few lines, fast enough for 100k records
 * and good enough for demo data — not for anything security-related.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Options of {@link generateDemoScenarios}. */
export interface DemoOptions {
  /** Same seed, same records. */
  readonly seed: number;
  /** Catalog-number year and the year around which dates fall. */
  readonly year: number;
  /**
   * Owner of every record (so this installation can edit them). Without it each record is owned
   * by the unit that opened it (its region), as in a merged provincial register.
   */
  readonly ownerUnitCode?: RegionCode;
}

/** Most records one call generates (catalog sequences are 4 digits per region and year). */
export const MAX_DEMO_COUNT = 1_000_000;

interface Owner {
  readonly full: string;
  readonly short: string;
}

interface Place {
  /** e.g. 武侯 (or 乐山市中 where the bare stem is ambiguous). */
  readonly stem: string;
  readonly code: string;
  readonly city: Region | undefined;
}

interface FieldTemplate {
  readonly field: ApplicationField;
  /** Relative share among generated records. */
  readonly weight: number;
  readonly owners: (place: Place) => readonly Owner[];
  readonly provinceOwners: readonly Owner[];
  readonly settings: readonly string[];
  readonly directions: readonly TechDirection[];
  readonly resources: readonly string[];
  /** Setting before technology in the title ("九寨沟景区智能导览数字人交互一体机"). */
  readonly isSettingFirst?: boolean;
}

const own = (full: string, short = full): Owner => ({ full, short });

/** Technology as it reads inside a title. */
const TITLE_TECH: Partial<Record<TechDirection, string>> = {
  neural_sensing: '多模态神经传感',
  other: '智能人机交互',
  fatigue_monitoring: '疲劳状态监测',
};

/** A place's well-known owner, weighted to half of its records when it has one. */
function famous(table: Readonly<Record<string, Owner>>, p: Place): Owner[] {
  const owner = table[p.code];
  return owner ? [owner, owner, owner, owner, owner] : [];
}

const FAMOUS_HOSPITALS: Readonly<Record<string, Owner>> = {
  '510107': own('四川大学华西医院', '华西医院'),
  '510105': own('四川省人民医院', '省医院'),
  '510104': own('成都市第二人民医院', '成都二医院'),
};

const FAMOUS_SITES: Readonly<Record<string, Owner>> = {
  '513225': own('九寨沟风景名胜区管理局', '九寨沟景区'),
  '511181': own('峨眉山风景名胜区管理委员会', '峨眉山景区'),
  '510181': own('青城山—都江堰景区管理局', '青城山景区'),
  '511102': own('乐山大佛景区管理委员会', '乐山大佛景区'),
  '513337': own('稻城亚丁景区管理局', '稻城亚丁景区'),
  '513322': own('海螺沟景区管理局', '海螺沟景区'),
  '513224': own('黄龙风景名胜区管理局', '黄龙景区'),
  '513227': own('四姑娘山景区管理局', '四姑娘山景区'),
  '511922': own('光雾山景区管理局', '光雾山景区'),
  '510823': own('剑门关景区管理局', '剑门关景区'),
  '510681': own('三星堆博物馆', '三星堆博物馆'),
};

/** Crafts and where they belong (city or county code prefix); '' means anywhere. */
const CRAFTS: readonly (readonly [craft: string, where: string])[] = [
  ['蜀锦', '5101'],
  ['蜀绣', '5101'],
  ['成都漆艺', '5101'],
  ['自贡彩灯', '5103'],
  ['泸州油纸伞', '5105'],
  ['绵竹年画', '510683'],
  ['夹江手工造纸', '511126'],
  ['羌绣', '5132'],
  ['藏族唐卡', '5133'],
  ['彝族漆器', '5134'],
  ['川剧', ''],
  ['竹编', ''],
  ['糖画', ''],
  ['石刻', ''],
];

const TEMPLATES: readonly FieldTemplate[] = [
  {
    field: 'medical',
    weight: 24,
    owners: (p) =>
      [...famous(FAMOUS_HOSPITALS, p), own(`${p.stem}人民医院`), own(`${p.stem}中医医院`), own(`${p.stem}妇幼保健院`), own(`${p.stem}康复医院`), own(`${p.stem}第二人民医院`)],
    provinceOwners: [own('四川大学华西医院', '华西医院'), own('四川省人民医院', '省医院'), own('四川省八一康复中心', '八一康复中心'), own('四川省精神医学中心'), own('四川省肿瘤医院')],
    settings: ['康复训练病房', '神经内科病房', '卒中康复中心', '睡眠医学中心', '精神心理门诊', '神经外科手术室', '重症监护病房', '脊髓损伤康复单元'],
    directions: ['non_invasive_bci', 'invasive_bci', 'closed_loop_neuromodulation', 'neural_sensing', 'bionic_prosthesis', 'exoskeleton', 'cognitive_enhancement'],
    resources: ['康复病床 20 张', '脱敏临床数据', '医护团队配合', '伦理审查支持', '独立试验病区'],
  },
  {
    field: 'industrial',
    weight: 16,
    owners: (p) =>
      [own(`${p.stem}经济开发区智能制造产业园`, `${p.stem}智能制造产业园`), own(`四川${p.stem}精工机械有限公司`, `${p.stem}精工`), own(`${p.stem}装备制造产业园`), own(`四川${p.stem}电子科技有限公司`, `${p.stem}电子`), own(`${p.stem}食品加工产业园`)],
    provinceOwners: [own('四川省智能制造示范工厂'), own('四川省重大技术装备创新中心', '重装创新中心')],
    settings: ['总装生产线', '精密装配车间', '危化品仓储区', '高温锻造车间', '设备巡检作业', '焊接车间', '质量检测工位'],
    directions: ['exoskeleton', 'fatigue_monitoring', 'ar_glasses', 'digital_twin', 'special_operations_robot', 'haptic_gloves', 'neural_sensing'],
    resources: ['试点产线一条', '生产数据接口', '技术工人配合', '厂房场地 500 平方米', '配套资金 50 万元'],
  },
  {
    field: 'eldercare',
    weight: 14,
    owners: (p) =>
      [own(`${p.stem}社会福利院`), own(`${p.stem}颐养中心`), own(`${p.stem}城区社区养老服务中心`, `${p.stem}社区养老中心`), own(`${p.stem}医养结合中心`), own(`${p.stem}老年公寓`)],
    provinceOwners: [own('四川省养老服务示范基地', '省养老示范基地'), own('四川省老年医学中心')],
    settings: ['失能老人照护单元', '认知症照护专区', '居家养老上门服务', '康复活动室', '夜间安全看护'],
    directions: ['service_robot', 'non_invasive_bci', 'exoskeleton', 'cognitive_enhancement', 'digital_human_kiosk', 'neural_sensing'],
    resources: ['护理床位 30 张', '照护人员配合', '老人健康档案（脱敏）', '活动场地'],
  },
  {
    field: 'emergency',
    weight: 11,
    owners: (p) =>
      [own(`${p.stem}应急管理局`), own(`${p.stem}消防救援大队`), own(`${p.stem}地震应急救援队`), own(`${p.stem}矿山救护队`), own(`${p.stem}森林草原防灭火指挥部`, `${p.stem}森林防火指挥部`)],
    provinceOwners: [own('四川省消防救援总队'), own('国家西南区域应急救援中心', '西南应急救援中心'), own('四川省地震局')],
    settings: ['山地救援训练', '地震废墟搜救', '森林防火巡护', '危险环境侦察', '救援队员体能监测', '应急指挥调度'],
    directions: ['special_operations_robot', 'brain_controlled_robot', 'exoskeleton', 'fatigue_monitoring', 'ar_glasses', 'digital_twin', 'neural_sensing'],
    resources: ['训练场地', '救援队员配合', '历史灾情数据', '演练机会'],
  },
  {
    field: 'cultural_heritage',
    weight: 10,
    owners: (p) =>
      CRAFTS.filter(([, where]) => where === '' || p.code.startsWith(where)).flatMap(([craft, where]) => {
        const workshops = [own(`${p.stem}${craft}非遗工坊`, `${craft}非遗工坊`), own(`${p.stem}${craft}传习所`, `${craft}传习所`)];
        // A place's own craft comes up more often than the ones found everywhere.
        return where === '' ? workshops : [...workshops, ...workshops, ...workshops];
      }),
    provinceOwners: [own('四川省非物质文化遗产保护中心', '省非遗中心'), own('成都国际非物质文化遗产博览园', '非遗博览园')],
    settings: ['传承教学', '技艺数字化采集', '沉浸式展演', '学徒实训'],
    directions: ['ar_glasses', 'haptic_gloves', 'digital_twin', 'holographic_cabin', 'digital_human_kiosk', 'neural_sensing'],
    resources: ['传承人工作室', '作品与工艺资料', '展陈空间', '学徒班'],
  },
  {
    field: 'scenic_site',
    weight: 10,
    isSettingFirst: true,
    owners: (p) =>
      [...famous(FAMOUS_SITES, p), own(`${p.stem}国家森林公园`), own(`${p.stem}古镇景区`), own(`${p.stem}湿地公园`), own(`${p.stem}生态旅游区`), own(`${p.stem}大峡谷景区`)],
    provinceOwners: [own('四川省文化和旅游发展中心', '省文旅中心'), own('大熊猫国家公园四川片区', '大熊猫国家公园')],
    settings: ['智能导览', '游客服务中心', '沉浸式体验馆', '安全巡护', '无障碍游览'],
    directions: ['digital_human_kiosk', 'ar_glasses', 'holographic_cabin', 'service_robot', 'digital_twin', 'exoskeleton'],
    resources: ['游客服务点位', '景区客流数据', '讲解员配合', '展示场地'],
  },
  {
    field: 'education',
    weight: 6,
    owners: (p) =>
      [own(`${p.stem}职业技术学校`, `${p.stem}职校`), own(`${p.stem}实验中学`), own(`${p.stem}特殊教育学校`, `${p.stem}特校`), own(`${p.stem}青少年活动中心`)],
    provinceOwners: [own('四川省特殊教育学校', '省特校'), own('四川省科技馆')],
    settings: ['专注力训练课堂', '实训基地', '特殊教育康复教室', '科普体验馆'],
    directions: ['non_invasive_bci', 'cognitive_enhancement', 'ar_glasses', 'neural_sensing', 'digital_human_kiosk', 'holographic_cabin'],
    resources: ['教室两间', '教师配合', '学生志愿者', '课程时间'],
  },
  {
    field: 'public_service',
    weight: 5,
    owners: (p) =>
      [own(`${p.stem}政务服务中心`), own(`${p.stem}图书馆`), own(`${p.stem}公安局交通警察大队`, `${p.stem}交警大队`), own(`${p.stem}残疾人联合会`, `${p.stem}残联`), own(`${p.stem}公共就业服务中心`)],
    provinceOwners: [own('四川省政务服务和公共资源交易服务中心', '省政务服务中心'), own('四川省残疾人联合会', '省残联')],
    settings: ['政务服务大厅', '无障碍服务窗口', '驾驶员疲劳监测', '残疾人辅具服务', '公共阅读空间'],
    directions: ['digital_human_kiosk', 'service_robot', 'fatigue_monitoring', 'bionic_prosthesis', 'ar_glasses'],
    resources: ['服务窗口', '办事群众引导', '场地与网络', '工作人员配合'],
  },
  {
    field: 'consumer',
    weight: 4,
    owners: (p) => [own(`${p.stem}中心商业广场`), own(`${p.stem}电竞体验馆`), own(`${p.stem}科技体验店`), own(`${p.stem}全民健身中心`)],
    provinceOwners: [own('四川省数字文创产业园', '数字文创产业园')],
    settings: ['脑控游戏体验区', '全息娱乐空间', '沉浸式剧场', '健身训练馆'],
    directions: ['non_invasive_bci', 'holographic_cabin', 'ar_glasses', 'brain_controlled_robot', 'neural_sensing', 'other'],
    resources: ['体验空间 200 平方米', '客流与运营数据', '宣传推广资源'],
  },
];

/** Status shares of a register some time into the plan. */
const STATUS_WEIGHTS: readonly (readonly [ScenarioStatus, number])[] = [
  ['draft', 10],
  ['open', 40],
  ['matched', 15],
  ['piloting', 15],
  ['suspended', 4],
  ['completed', 10],
  ['closed', 6],
];

const SUSPENDED_FROM: readonly SuspendableStatus[] = ['open', 'matched', 'piloting'];

/** Telephone area codes by city code prefix (眉山, 资阳 share Chengdu's 028). */
const AREA_CODES: Readonly<Record<string, string>> = {
  '5101': '028', '5103': '0813', '5104': '0812', '5105': '0830', '5106': '0838', '5107': '0816',
  '5108': '0839', '5109': '0825', '5110': '0832', '5111': '0833', '5113': '0817', '5114': '028',
  '5115': '0831', '5116': '0826', '5117': '0818', '5118': '0835', '5119': '0827', '5120': '028',
  '5132': '0837', '5133': '0836', '5134': '0834',
};
const MOBILE_PREFIXES = ['139', '138', '137', '136', '135', '158', '159', '150', '151', '157', '188', '187', '182', '183', '186', '185', '130', '131', '132', '155', '156', '133', '153', '180', '189', '177', '199', '191'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '胡', '朱', '郭', '何', '罗', '高', '林', '邓', '唐', '谢', '蒋'];
const GIVEN_NAMES = ['伟', '芳', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '建华', '志强', '晓燕', '海燕', '文静', '俊杰', '雪梅', '思远', '雨桐'];
const ROADS = ['人民路', '建设路', '滨江路', '解放路', '文化路', '新华路', '健康路', '工业大道', '锦绣大道', '迎宾大道'];
const SOLUTION_KINDS = ['技术方案', '产品及运维服务', '集成解决方案', '样机与试用服务'];
const CONDITIONS = ['需具备相关产品注册证或已进入注册程序', '可在三个月内完成部署', '数据须本地存储', '需提供操作人员培训', '优先考虑省内企业与科研机构联合体'];

const DAY_MS = 86_400_000;
const DIRECTION_ORDER = Object.fromEntries(TECH_DIRECTIONS.map((d, i) => [d.key, i])) as Record<TechDirection, number>;

function stemOf(region: Region, city: Region | undefined): string {
  const bare = region.shortName.replace(/(?:(?:[\u4e00-\u9fff]{1,2}族)+自治县|自治州|州|县|区|市)$/u, '');
  if (region.level === 'province') return '四川省';
  // 市中区, 东区, 西区 … need their city to be recognisable.
  if (bare.length < 2 || bare === '市中') return `${(city?.shortName ?? '').replace(/[市州]$/u, '')}${region.shortName}`;
  return bare;
}

/** A point-in-region test for points inside a latitude band. */
type PointTest = (lng: number, lat: number) => boolean;

/**
 * `isPointInRegion` restricted to points with latitude in [minLat, maxLat]: the same even-odd
 * arithmetic, but only over the edges whose latitude range meets the band, since no other edge
 * can cross a horizontal ray inside it. The province outline has ~1,300 vertices and a county's
 * band meets a few dozen of them; checking all per point made 100k records take seconds.
 */
function bandTest(region: Region, minLat: number, maxLat: number): PointTest {
  const [bMinLng, bMinLat, bMaxLng, bMaxLat] = region.bbox;
  const polygons = region.geometry.coordinates.map((polygon) => {
    const rings = polygon.map((ring) => {
      const edges: number[] = [];
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i] as LngLat;
        const [xj, yj] = ring[j] as LngLat;
        if (Math.max(yi, yj) >= minLat && Math.min(yi, yj) <= maxLat) edges.push(xi, yi, xj, yj);
      }
      return Float64Array.from(edges);
    });
    return { outer: rings[0] ?? new Float64Array(0), holes: rings.slice(1) };
  });
  const inRing = (edges: Float64Array, x: number, y: number): boolean => {
    let inside = false;
    for (let k = 0; k < edges.length; k += 4) {
      const xi = edges[k] as number;
      const yi = edges[k + 1] as number;
      const xj = edges[k + 2] as number;
      const yj = edges[k + 3] as number;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
  return (x, y) => {
    if (y < minLat || y > maxLat) return isPointInRegion(region, [x, y]);
    if (x < bMinLng || x > bMaxLng || y < bMinLat || y > bMaxLat) return false;
    for (const { outer, holes } of polygons) {
      if (inRing(outer, x, y) && !holes.some((hole) => inRing(hole, x, y))) return true;
    }
    return false;
  };
}

/** A three-level cache: texts shared between records keep the heap (and the GC's work) small. */
type TextCache = Map<unknown, Map<unknown, Map<unknown, string>>>;

function cachedText(cache: TextCache, a: unknown, b: unknown, c: unknown, build: () => string): string {
  let level1 = cache.get(a);
  if (!level1) cache.set(a, (level1 = new Map()));
  let level2 = level1.get(b);
  if (!level2) level1.set(b, (level2 = new Map()));
  let text = level2.get(c);
  if (text === undefined) level2.set(c, (text = build()));
  return text;
}

const DATE_CACHE = new Map<number, string>();

/** `YYYY-MM-DD` of a UTC day (cached: a few hundred distinct days cover all records). */
function isoDate(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let text = DATE_CACHE.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (DATE_CACHE.size < 10_000) DATE_CACHE.set(day, text);
  }
  return text;
}

/**
 * Generates `count` demo scenarios, about 85% county-level, 12% city-level and 3% province-level,
 * each placed inside its region (rejection sampling in the bounding box, falling back to the
 * centre), with unique catalog numbers for `year`. Pure and deterministic for `seed`.
 */
export function generateDemoScenarios(count: number, regions: RegionIndex, options: DemoOptions): Scenario[] {
  if (!Number.isInteger(count) || count < 0 || count > MAX_DEMO_COUNT) {
    throw new RangeError(`[demoData] count must be an integer from 0 to ${MAX_DEMO_COUNT}, got ${String(count)}`);
  }
  const next = mulberry32(options.seed);
  const random = (): number => next() / 4_294_967_296;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const digits = (n: number): string => String(Math.floor(random() * 10 ** n)).padStart(n, '0');
  const weighted = <T>(table: readonly (readonly [T, number])[], total: number): T => {
    let r = random() * total;
    for (let k = 0; k < table.length; k += 1) {
      const [value, w] = table[k] as readonly [T, number];
      r -= w;
      if (r < 0) return value;
    }
    return (table[table.length - 1] as readonly [T, number])[0];
  };
  const totalOf = (table: readonly (readonly [unknown, number])[]): number => table.reduce((sum, [, w]) => sum + w, 0);
  const statusTotal = totalOf(STATUS_WEIGHTS);

  const province = regions.province;
  const counties = regions.counties();
  const cities = regions.cities();
  const placeOf = new Map<string, Place>();
  const place = (region: Region): Place => {
    let cached = placeOf.get(region.code);
    if (!cached) {
      const city = region.level === 'county' && region.parent ? regions.get(region.parent) : region.level === 'city' ? region : undefined;
      cached = { stem: stemOf(region, city), code: region.code, city };
      placeOf.set(region.code, cached);
    }
    return cached;
  };
  const templateTable = TEMPLATES.map((t) => [t, t.weight] as const);
  const templateTotal = totalOf(templateTable);
  // Owner candidates per field and region, built once: per-record lists were most of the garbage.
  const ownerCache = new Map<FieldTemplate, Map<Region, readonly Owner[]>>(TEMPLATES.map((t) => [t, new Map()]));
  const ownersFor = (template: FieldTemplate, region: Region): readonly Owner[] => {
    const byRegion = ownerCache.get(template) as Map<Region, readonly Owner[]>;
    let owners = byRegion.get(region);
    if (!owners) {
      owners = region.level === 'province' ? template.provinceOwners : template.owners(place(region));
      byRegion.set(region, owners);
    }
    return owners;
  };
  // By record region, then county: a record lies in its county and in its region (the county itself, its city or the province).
  type Testers = { county: PointTest; region: PointTest; province: PointTest };
  const testerCache = new Map<Region, Map<Region, Testers>>();
  const testersFor = (county: Region, region: Region) => {
    const key = region === county ? county : region;
    let byCounty = testerCache.get(key);
    if (!byCounty) {
      byCounty = new Map();
      testerCache.set(key, byCounty);
    }
    let entry = byCounty.get(county);
    if (!entry) {
      const [, minLat, , maxLat] = county.bbox;
      const countyTest = bandTest(county, minLat, maxLat);
      const provinceTest = bandTest(province, minLat, maxLat);
      entry = {
        county: countyTest,
        region: region === county ? countyTest : region === province ? provinceTest : bandTest(region, minLat, maxLat),
        province: provinceTest,
      };
      byCounty.set(county, entry);
    }
    return entry;
  };
  const sequences = new Map<string, number>();
  const yearStart = Date.UTC(options.year, 0, 1);

  // Inside the county, and inside the record's region and the province too: the three boundaries
  // are simplified separately and may disagree by a few hundred metres at their edges.
  const locate = (county: Region, region: Region): { lat: number; lng: number } | null => {
    const [minLng, minLat, maxLng, maxLat] = county.bbox;
    const test = testersFor(county, region);
    for (let attempt = 0; attempt < 30; attempt += 1) {
      // Rounded to 1e-6° (~0.1 m) before testing, so the stored point is the tested point.
      const lng = Math.round((minLng + random() * (maxLng - minLng)) * 1e6) / 1e6;
      const lat = Math.round((minLat + random() * (maxLat - minLat)) * 1e6) / 1e6;
      if (test.county(lng, lat) && test.region(lng, lat) && test.province(lng, lat)) return { lat, lng };
    }
    return null;
  };

  const batches = [1, 2, 3, 4].map((n) => `${String(options.year)}年第${String(n)}批`);
  const titles: TextCache = new Map();
  const descriptions: TextCache = new Map();
  const requirements: TextCache = new Map();
  const resources: TextCache = new Map();
  const names: TextCache = new Map();
  const scenarios: Scenario[] = new Array<Scenario>(count);
  for (let i = 0; i < count; i += 1) {
    const levelRoll = random();
    let openingLevel: OpeningLevel = levelRoll < 0.03 ? 'province' : levelRoll < 0.15 ? 'city' : 'county';
    let county = pick(counties);
    let region: Region =
      openingLevel === 'county' ? county : openingLevel === 'city' ? (regions.get(county.parent ?? '') ?? pick(cities)) : province;
    // A full sequence (only with very large counts) moves the record to another county.
    while ((sequences.get(region.code) ?? 0) >= MAX_CATALOG_SEQUENCE) {
      openingLevel = 'county';
      county = pick(counties);
      region = county;
    }
    const sequence = (sequences.get(region.code) ?? 0) + 1;
    sequences.set(region.code, sequence);

    const template = weighted(templateTable, templateTotal);
    const owner = pick(ownersFor(template, region));
    const setting = pick(template.settings);
    const primary = pick(template.directions);
    const secondary = random() < 0.35 ? pick(template.directions) : primary;
    const techDirections =
      primary === secondary ? [primary] : DIRECTION_ORDER[primary] < DIRECTION_ORDER[secondary] ? [primary, secondary] : [secondary, primary];
    const primaryLabel = TECH_DIRECTIONS.find((d) => d.key === primary)?.zh ?? '';
    const techTitle = TITLE_TECH[primary] ?? primaryLabel;
    const title = cachedText(titles, owner, setting, techTitle, () =>
      template.isSettingFirst ? `${owner.short}${setting}${techTitle}` : `${owner.short}${techTitle}${setting}`,
    );

    const placed = locate(county, region);
    const countyPlace = place(county);
    const cityName = countyPlace.city?.name ?? '';
    const address =
      openingLevel === 'city'
        ? `四川省${region.name}${pick(ROADS)}${String(1 + Math.floor(random() * 399))}号`
        : `四川省${cityName}${county.name}${pick(ROADS)}${String(1 + Math.floor(random() * 399))}号`;

    const status = weighted(STATUS_WEIGHTS, statusTotal);
    const suspendedFrom = status === 'suspended' ? pick(SUSPENDED_FROM) : null;
    const startMs = yearStart + Math.floor(random() * 300) * DAY_MS - (random() < 0.3 ? 365 * DAY_MS : 0);
    const hasPeriod = status !== 'draft' || random() < 0.5;
    const openFrom = hasPeriod ? isoDate(startMs) : null;
    const openUntil = hasPeriod && random() < 0.8 ? isoDate(startMs + (365 + Math.floor(random() * 730)) * DAY_MS) : null;

    const areaCode = AREA_CODES[county.code.slice(0, 4)] ?? '028';
    const phoneRoll = random();
    const contactPhone =
      phoneRoll < 0.6
        ? `${pick(MOBILE_PREFIXES)}${digits(8)}`
        : phoneRoll < 0.95
          ? `${areaCode}-${String(2 + Math.floor(random() * 7))}${digits(areaCode.length === 3 ? 7 : 6)}`
          : `400-${digits(3)}-${digits(4)}`;
    const contactEmail = random() < 0.7 ? `contact${String(i + 1)}@example.com` : '';

    const createdAt = yearStart - 30 * DAY_MS + Math.floor(random() * 330 * DAY_MS);
    const edits = Math.floor(random() * 4);
    const solutionKind = pick(SOLUTION_KINDS);
    const condition = pick(CONDITIONS);
    const surname = pick(SURNAMES);
    const givenName = pick(GIVEN_NAMES);
    const resourceA = pick(template.resources);
    const resourceB = pick(template.resources);

    scenarios[i] = {
      id: uuidV4From(next) as ScenarioId,
      catalogNumber: formatCatalogNumber({ regionCode: region.code, year: options.year, sequence }),
      title,
      field: template.field,
      techDirections,
      openingLevel,
      regionCode: region.code,
      ownerUnit: owner.full,
      location: placed ?? { lat: region.center[1], lng: region.center[0] },
      address,
      isPlaced: placed !== null,
      description: cachedText(descriptions, owner, setting, primaryLabel, () => `${owner.full}开放${setting}场景，可用于${primaryLabel}相关产品和解决方案的试点验证与示范应用。`),
      requirements: cachedText(requirements, primaryLabel, solutionKind, condition, () => `寻求${primaryLabel}${solutionKind}，${condition}。`),
      resourcesOffered: cachedText(resources, resourceA, resourceB, null, () => (resourceA === resourceB ? resourceA : `${resourceA}、${resourceB}`)),
      partnerSlots: 1 + Math.floor(random() * 5),
      openFrom,
      openUntil,
      contactName: cachedText(names, surname, givenName, null, () => `${surname}${givenName}`),
      contactPhone,
      contactEmail,
      status,
      suspendedFrom,
      batch: status === 'draft' ? null : random() < 0.6 ? pick(batches) : null,
      ownerUnitCode: options.ownerUnitCode ?? region.code,
      createdAt,
      updatedAt: createdAt + edits * Math.floor(random() * 20 * DAY_MS),
      version: 1 + edits,
      deletedAt: null,
      isDemo: true,
    };
  }
  return scenarios;
}
