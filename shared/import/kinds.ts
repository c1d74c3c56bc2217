/**
 * What each import reads: its sheets and columns, with the headers in both languages (and the other
 * names offices give them), the kind of value, whether it is required, and an example row for the
 * template. `field` is where the value goes in the channel input the row becomes ("terms.principal").
 */
import { borrowerKinds, idTypes } from '../lending/borrower';
import { paymentChannels, securityTypes } from '../lending/loan';
import { collateralKinds } from '../lending/security';
import { dayCounts, frequencies, repaymentMethods } from '../schedule/types';

export const importKinds = ['borrowers', 'collateral', 'loans', 'guarantees', 'bank-repayments'] as const;
export type ImportKind = (typeof importKinds)[number];

/** identity: an ID number or credit code, upper case without spaces. */
export type ColumnType = 'text' | 'identity' | 'date' | 'amount' | 'percent' | 'integer' | { choice: Record<string, readonly string[]> };

export interface ImportColumn {
  field: string;
  zh: string;
  en: string;
  /** Other headers offices use for the same column. */
  aliases?: readonly string[];
  type: ColumnType;
  required: boolean;
  example: string;
}

export interface ImportSheet {
  key: string;
  zh: string;
  en: string;
  /** A sheet the import can do without (a loan book without its payment history). */
  optional?: boolean;
  columns: readonly ImportColumn[];
}

const choice = <T extends string>(codes: readonly T[], labels: Record<T, readonly string[]>): ColumnType => ({ choice: Object.fromEntries(codes.map((c) => [c, labels[c]])) });

const kindLabels = { individual: ['个人', '自然人'], 'farm-household': ['农户'], enterprise: ['企业', '公司', '法人'] } as const;
const idTypeLabels = { 'resident-id': ['居民身份证', '身份证'], 'social-credit-code': ['统一社会信用代码', '营业执照'], passport: ['护照'], other: ['其他'] } as const;
const methodLabels = {
  'equal-installment': ['等额本息'],
  'equal-principal': ['等额本金'],
  'interest-only': ['先息后本', '按月付息到期还本'],
  bullet: ['到期一次还本付息', '利随本清'],
  flat: ['等本等息'],
} as const;
const securityLabels = { credit: ['信用'], guarantee: ['保证'], mortgage: ['抵押'], pledge: ['质押'], combined: ['组合'] } as const;
const channelLabels = { bank: ['银行转账', '转账', '银行'], cash: ['现金'], wechat: ['微信'], alipay: ['支付宝'], deduction: ['代扣'], other: ['其他'] } as const;

const idNumberColumn = (field: string, zh: string, en: string, example: string): ImportColumn => ({ field, zh, en, aliases: ['身份证号', '身份证号码', '统一社会信用代码', '证件号'], type: 'identity', required: true, example });

export const importSheets: Record<ImportKind, readonly ImportSheet[]> = {
  borrowers: [
    {
      key: 'borrowers',
      zh: '借款人',
      en: 'Borrowers',
      columns: [
        { field: 'kind', zh: '借款人类型', en: 'Type', aliases: ['类型', '客户类型'], type: choice(borrowerKinds, kindLabels), required: true, example: '个人' },
        { field: 'name', zh: '姓名/名称', en: 'Name', aliases: ['姓名', '名称', '借款人', '客户名称'], type: 'text', required: true, example: '张三' },
        { field: 'idType', zh: '证件类型', en: 'ID type', type: choice(idTypes, idTypeLabels), required: false, example: '居民身份证' },
        idNumberColumn('idNumber', '证件号码', 'ID number', '11010519491231002X'),
        { field: 'phone', zh: '手机号码', en: 'Phone', aliases: ['手机', '电话', '联系电话'], type: 'text', required: false, example: '13912345678' },
        { field: 'address', zh: '地址', en: 'Address', aliases: ['住址', '联系地址'], type: 'text', required: false, example: '杭州市西湖区文三路 1 号' },
        { field: 'industry', zh: '行业/主营', en: 'Industry', aliases: ['行业', '主营业务'], type: 'text', required: false, example: '' },
        { field: 'note', zh: '备注', en: 'Note', type: 'text', required: false, example: '' },
      ],
    },
  ],
  collateral: [
    {
      key: 'collateral',
      zh: '抵质押物',
      en: 'Collateral',
      columns: [
        idNumberColumn('ownerIdNumber', '所有人证件号码', 'Owner ID number', '11010519491231002X'),
        { field: 'kind', zh: '类型', en: 'Kind', type: choice(collateralKinds, { property: ['房产', '房屋'], 'land-use-right': ['土地使用权'], vehicle: ['车辆', '机动车'], equipment: ['设备', '机器设备'], equity: ['股权'], receivables: ['应收账款'], deposit: ['存单', '保证金'], other: ['其他'] }), required: true, example: '房产' },
        { field: 'description', zh: '描述', en: 'Description', aliases: ['名称', '抵押物名称'], type: 'text', required: true, example: '西湖区文三路 1 号 3 幢 101 室' },
        { field: 'certificateNo', zh: '权证号', en: 'Certificate no.', aliases: ['不动产权证号', '权证编号'], type: 'text', required: true, example: '浙(2024)杭州市不动产权第0012345号' },
        { field: 'appraisedValue', zh: '评估价值', en: 'Appraised value', aliases: ['评估值', '评估价值(元)'], type: 'amount', required: true, example: '1,200,000.00' },
        { field: 'appraisedOn', zh: '评估日期', en: 'Appraised on', type: 'date', required: true, example: '2026-01-10' },
        { field: 'appraiser', zh: '评估机构', en: 'Appraiser', type: 'text', required: false, example: '' },
      ],
    },
  ],
  loans: [
    {
      key: 'loans',
      zh: '贷款',
      en: 'Loans',
      columns: [
        { field: 'contractNo', zh: '合同编号', en: 'Contract no.', aliases: ['合同号', '借款合同编号'], type: 'text', required: true, example: 'DK2026-0001' },
        idNumberColumn('borrowerIdNumber', '借款人证件号码', 'Borrower ID number', '11010519491231002X'),
        { field: 'terms.principal', zh: '贷款金额', en: 'Principal', aliases: ['借款金额', '合同金额', '放款金额', '贷款金额(元)'], type: 'amount', required: true, example: '100,000.00' },
        { field: 'terms.annualRate', zh: '年利率(%)', en: 'Annual rate (%)', aliases: ['年利率', '利率', '执行利率'], type: 'percent', required: true, example: '12' },
        { field: 'terms.periods', zh: '期数', en: 'Periods', aliases: ['期限(月)', '贷款期限'], type: 'integer', required: true, example: '12' },
        { field: 'terms.method', zh: '还款方式', en: 'Repayment method', type: choice(repaymentMethods, methodLabels), required: true, example: '等额本息' },
        { field: 'terms.disbursementDate', zh: '放款日', en: 'Disbursement date', aliases: ['放款日期', '发放日期', '借款日期'], type: 'date', required: true, example: '2026-01-15' },
        { field: 'terms.interestOnlyPeriods', zh: '先息期数', en: 'Interest-only periods', type: 'integer', required: false, example: '' },
        { field: 'securityType', zh: '担保方式', en: 'Security', type: choice(securityTypes, securityLabels), required: false, example: '信用' },
        { field: 'productCode', zh: '产品代码', en: 'Product code', aliases: ['产品'], type: 'text', required: false, example: '' },
        { field: 'purpose', zh: '用途', en: 'Purpose', aliases: ['借款用途', '贷款用途'], type: 'text', required: false, example: '经营周转' },
        { field: 'terms.frequency', zh: '还款频率', en: 'Frequency', type: choice(frequencies, { monthly: ['按月', '月'], quarterly: ['按季', '季'], weekly: ['按周', '周'], 'bi-weekly': ['双周'] }), required: false, example: '' },
        { field: 'terms.dayCount', zh: '计息基础', en: 'Day count', type: choice(dayCounts, { '30/360': ['30/360'], 'ACT/360': ['实际/360', 'ACT/360'], 'ACT/365': ['实际/365', 'ACT/365'] }), required: false, example: '' },
        { field: 'earlySettlementDate', zh: '提前结清日', en: 'Settled early on', type: 'date', required: false, example: '' },
        { field: 'writeOffReason', zh: '核销原因', en: 'Write-off reason', type: 'text', required: false, example: '' },
      ],
    },
    {
      key: 'payments',
      zh: '还款记录',
      en: 'Payments',
      optional: true,
      columns: [
        { field: 'contractNo', zh: '合同编号', en: 'Contract no.', aliases: ['合同号'], type: 'text', required: true, example: 'DK2026-0001' },
        { field: 'date', zh: '还款日期', en: 'Date', aliases: ['日期', '收款日期', '实还日期'], type: 'date', required: true, example: '2026-02-15' },
        { field: 'amount', zh: '还款金额', en: 'Amount', aliases: ['金额', '实还金额', '收款金额'], type: 'amount', required: true, example: '8,884.88' },
        { field: 'channel', zh: '渠道', en: 'Channel', aliases: ['还款方式', '收款方式'], type: choice(paymentChannels, channelLabels), required: false, example: '银行转账' },
        { field: 'reference', zh: '流水号', en: 'Reference', aliases: ['凭证号', '交易流水号'], type: 'text', required: false, example: '' },
        { field: 'kind', zh: '类型', en: 'Kind', aliases: ['收款类型'], type: choice(['repayment', 'recovery'] as const, { repayment: ['还款'], recovery: ['核销后收回'] }), required: false, example: '还款' },
      ],
    },
  ],
  guarantees: [
    {
      key: 'guarantees',
      zh: '担保合同',
      en: 'Guarantees',
      columns: [
        { field: 'contractNo', zh: '合同编号', en: 'Contract no.', aliases: ['担保合同编号', '合同号'], type: 'text', required: true, example: 'DB2026-0001' },
        idNumberColumn('clientIdNumber', '客户证件号码', 'Client ID number', '91350100M000100Y43'),
        { field: 'bankName', zh: '合作银行', en: 'Bank', aliases: ['贷款银行', '银行'], type: 'text', required: true, example: '杭州某农商银行' },
        { field: 'guaranteeType', zh: '担保类型', en: 'Type', type: choice(['loan', 'bond', 'other'] as const, { loan: ['借款类', '贷款担保', '借款担保'], bond: ['发行债券', '债券担保'], other: ['其他'] }), required: false, example: '借款类' },
        { field: 'clientSize', zh: '企业规模', en: 'Client size', aliases: ['客户类型', '规模'], type: choice(['small-micro', 'farm-household', 'other'] as const, { 'small-micro': ['小微企业', '小微'], 'farm-household': ['农户'], other: ['其他'] }), required: true, example: '小微企业' },
        { field: 'guaranteedAmount', zh: '担保金额', en: 'Guaranteed amount', aliases: ['担保金额(元)', '在保金额'], type: 'amount', required: true, example: '3,000,000.00' },
        { field: 'bankLoanRate', zh: '银行贷款利率(%)', en: 'Bank loan rate (%)', aliases: ['贷款利率'], type: 'percent', required: true, example: '4.35' },
        { field: 'loanStart', zh: '借款起日', en: 'Loan start', aliases: ['起始日', '借款起始日'], type: 'date', required: true, example: '2026-03-01' },
        { field: 'loanEnd', zh: '借款止日', en: 'Loan end', aliases: ['到期日', '借款到期日'], type: 'date', required: true, example: '2027-03-01' },
        { field: 'feeRatePercent', zh: '担保费率(%)', en: 'Fee rate (%)', aliases: ['担保费率', '年费率'], type: 'percent', required: true, example: '2' },
        { field: 'feeCharging', zh: '收费方式', en: 'Fee charging', type: choice(['upfront', 'yearly'] as const, { upfront: ['一次性收取', '一次性'], yearly: ['按年收取', '按年'] }), required: false, example: '一次性收取' },
        { field: 'marginDeposit', zh: '保证金', en: 'Margin deposit', aliases: ['存入保证金'], type: 'amount', required: false, example: '600,000.00' },
        { field: 'reviewDate', zh: '评审日期', en: 'Review date', aliases: ['审保会日期'], type: 'date', required: false, example: '2026-02-26' },
      ],
    },
  ],
  'bank-repayments': [
    {
      key: 'bankRepayments',
      zh: '银行还款',
      en: 'Bank repayments',
      columns: [
        { field: 'contractNo', zh: '担保合同编号', en: 'Contract no.', aliases: ['合同编号', '合同号'], type: 'text', required: true, example: 'DB2026-0001' },
        { field: 'date', zh: '还款日期', en: 'Date', aliases: ['日期', '解保日期'], type: 'date', required: true, example: '2026-06-01' },
        { field: 'amount', zh: '还款金额', en: 'Amount', aliases: ['金额', '解保金额'], type: 'amount', required: true, example: '500,000.00' },
      ],
    },
  ],
};
