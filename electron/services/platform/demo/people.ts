/** Realistic Chinese borrowers for the demo book: names, valid identity numbers, phones, addresses. */
import { residentIdCheckCharacter } from '../../../../shared/identity/resident-id';
import { socialCreditCheckCharacter } from '../../../../shared/identity/social-credit-code';
import type { ChannelInput } from '../../../../shared/contract';
import type { SeededRandom } from './random';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍申尤毕聂焦向柳邢骆岳齐沿梅莫庄辛管祝左涂谷祁时舒耿牟卜路詹关苗凌费纪靳盛童欧甄项曲成游阳裴席卫查屈鲍位覃霍翁隋植甘景薄单包司柏宁柯阮桂闵欧阳解强丛华车冉房边';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红建华文辉力鹏飞宇浩然子轩梓涵欣怡雨泽博文一鸣思远晓东海燕春梅国庆志强建国永刚海涛金凤玉梅淑珍秀云丹丹婷婷晨曦嘉怡佳琪俊杰晓明小红德华振华卫东';

/** Prefecture-level region codes (GB/T 2260), so generated IDs look like real places. */
const REGIONS: Array<{ code: string; province: string; city: string; districts: string[] }> = [
  { code: '110105', province: '北京市', city: '北京市', districts: ['朝阳区'] },
  { code: '310115', province: '上海市', city: '上海市', districts: ['浦东新区'] },
  { code: '320102', province: '江苏省', city: '南京市', districts: ['玄武区', '秦淮区'] },
  { code: '320583', province: '江苏省', city: '苏州市', districts: ['昆山市'] },
  { code: '330106', province: '浙江省', city: '杭州市', districts: ['西湖区'] },
  { code: '330782', province: '浙江省', city: '金华市', districts: ['义乌市'] },
  { code: '350203', province: '福建省', city: '厦门市', districts: ['思明区'] },
  { code: '370203', province: '山东省', city: '青岛市', districts: ['市北区'] },
  { code: '410105', province: '河南省', city: '郑州市', districts: ['金水区'] },
  { code: '420106', province: '湖北省', city: '武汉市', districts: ['武昌区'] },
  { code: '430104', province: '湖南省', city: '长沙市', districts: ['岳麓区'] },
  { code: '440106', province: '广东省', city: '广州市', districts: ['天河区'] },
  { code: '440305', province: '广东省', city: '深圳市', districts: ['南山区'] },
  { code: '450103', province: '广西壮族自治区', city: '南宁市', districts: ['青秀区'] },
  { code: '510107', province: '四川省', city: '成都市', districts: ['武侯区'] },
  { code: '500103', province: '重庆市', city: '重庆市', districts: ['渝中区'] },
  { code: '530102', province: '云南省', city: '昆明市', districts: ['五华区'] },
  { code: '610113', province: '陕西省', city: '西安市', districts: ['雁塔区'] },
  { code: '360111', province: '江西省', city: '南昌市', districts: ['青山湖区'] },
  { code: '340104', province: '安徽省', city: '合肥市', districts: ['蜀山区'] },
];

const STREETS = ['人民路', '解放路', '中山路', '建设路', '新华路', '长江路', '黄河路', '和平路', '胜利街', '朝阳路', '文化路', '工业大道'];
const VILLAGES = ['张庄村', '李家湾村', '王岗村', '石桥村', '杨柳村', '新河村', '东坡村', '南湾村'];
const EMPLOYERS = ['个体经营', '县人民医院', '市第一中学', '物流有限公司', '建筑工程有限公司', '商贸有限公司', '电子厂', '餐饮店', '出租车公司', '农业合作社'];
const FARM_TRADES = ['水稻种植', '生猪养殖', '蔬菜大棚', '茶叶种植', '水产养殖', '果园', '家禽养殖', '农机服务'];
const TRADE_NAMES = ['恒达', '鑫源', '宏图', '华信', '盛世', '永安', '金鼎', '瑞丰', '天成', '汇通', '嘉禾', '隆盛', '中联', '博远', '新源', '顺发'];
const INDUSTRIES: Array<[string, string]> = [
  ['商贸', '批发和零售业'],
  ['建材', '建筑业'],
  ['机械制造', '制造业'],
  ['物流', '交通运输、仓储和邮政业'],
  ['餐饮管理', '住宿和餐饮业'],
  ['农业科技', '农、林、牧、渔业'],
  ['电子科技', '制造业'],
  ['纺织', '制造业'],
];
const MOBILE_PREFIXES = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '158', '159', '176', '177', '180', '181', '186', '187', '188', '189', '199'];
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export function personName(random: SeededRandom): string {
  const surname = random.pick([...SURNAMES]);
  const given = random.chance(0.6) ? random.pick([...GIVEN]) + random.pick([...GIVEN]) : random.pick([...GIVEN]);
  return surname + given;
}

export function mobilePhone(random: SeededRandom): string {
  return random.pick(MOBILE_PREFIXES) + random.digits(8);
}

export function residentId(random: SeededRandom, regionCode: string, sequence: number): string {
  const year = random.int(1960, 2003);
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  const body = `${regionCode}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(sequence % 1000).padStart(3, '0')}`;
  return body + residentIdCheckCharacter(body);
}

export function socialCreditCode(random: SeededRandom, regionCode: string): string {
  let organisation = '';
  for (let i = 0; i < 9; i++) organisation += random.pick([...USCC_ALPHABET]);
  // 9 = registered with market regulation, 1 = enterprise.
  const body = `91${regionCode}${organisation}`;
  return body + socialCreditCheckCharacter(body);
}

type BorrowerInput = ChannelInput<'borrower.create'>;

/** One borrower; `sequence` keeps identity numbers unique within a demo run. */
export function demoBorrower(random: SeededRandom, sequence: number): BorrowerInput {
  const region = random.pick(REGIONS);
  const district = random.pick(region.districts);
  const roll = random.next();
  if (roll < 0.2) {
    const [trade, industry] = random.pick(INDUSTRIES);
    const city = region.city.replace(/市$/, '');
    const legalRepresentative = personName(random);
    return {
      kind: 'enterprise',
      name: `${city}${random.pick(TRADE_NAMES)}${trade}有限公司`,
      idType: 'social-credit-code',
      idNumber: socialCreditCode(random, region.code),
      phone: mobilePhone(random),
      address: `${region.province}${region.city === region.province ? '' : region.city}${district}${random.pick(STREETS)}${random.int(1, 999)}号`,
      industry,
      legalRepresentative,
      relatedPersons: [
        { name: legalRepresentative, relationship: 'legal-representative', phone: mobilePhone(random) },
        { name: personName(random), relationship: 'shareholder', idNumber: residentId(random, region.code, sequence + 500) },
      ],
    };
  }
  const farm = roll < 0.35;
  const name = personName(random);
  const relatedPersons: BorrowerInput['relatedPersons'] = random.chance(0.7)
    ? [{ name: personName(random), relationship: 'spouse', phone: mobilePhone(random) }]
    : [{ name: personName(random), relationship: 'contact', phone: mobilePhone(random) }];
  return {
    kind: farm ? 'farm-household' : 'individual',
    name,
    idType: 'resident-id',
    idNumber: residentId(random, region.code, sequence),
    phone: mobilePhone(random),
    address: farm
      ? `${region.province}${region.city}${district}${random.pick(VILLAGES)}${random.int(1, 12)}组${random.int(1, 80)}号`
      : `${region.province}${region.city === region.province ? '' : region.city}${district}${random.pick(STREETS)}${random.int(1, 999)}号`,
    ...(farm ? { industry: random.pick(FARM_TRADES) } : { employer: random.pick(EMPLOYERS) }),
    relatedPersons,
  };
}
