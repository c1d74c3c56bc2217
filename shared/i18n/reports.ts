/** Labels for files the main process writes (Excel, PDF), in both UI languages. */
export type ReportLanguage = 'zh-CN' | 'en';

export const scheduleReportLabels = {
  'zh-CN': {
    sheet: '还款计划',
    title: '还款计划表',
    principal: '借款本金',
    annualRate: '年利率',
    method: '还款方式',
    periods: '期数',
    disbursementDate: '放款日',
    apr: '年化利率（IRR，单利）',
    aprCompound: '年化利率（复利）',
    costOfBorrowing: '借款总成本',
    upfrontFee: '前期费用',
    columns: ['期次', '计息起日', '还款日', '计息天数', '期初本金', '应还本金', '应还利息', '费用', '应还合计', '期末本金'],
    totals: '合计',
    methods: {
      'equal-installment': '等额本息',
      'equal-principal': '等额本金',
      'interest-only': '先息后本',
      bullet: '到期一次还本付息',
      flat: '等本等息',
    },
    interestOnlyThen: '前{{n}}期只还利息',
  },
  en: {
    sheet: 'Schedule',
    title: 'Repayment schedule',
    principal: 'Principal',
    annualRate: 'Annual rate',
    method: 'Repayment method',
    periods: 'Periods',
    disbursementDate: 'Disbursement date',
    apr: 'APR (IRR, simple)',
    aprCompound: 'APR (compound)',
    costOfBorrowing: 'Total cost of borrowing',
    upfrontFee: 'Upfront fee',
    columns: ['No.', 'Accrual from', 'Due date', 'Days', 'Opening balance', 'Principal', 'Interest', 'Fees', 'Total due', 'Closing balance'],
    totals: 'Total',
    methods: {
      'equal-installment': 'Equal installment',
      'equal-principal': 'Equal principal',
      'interest-only': 'Interest only, principal at maturity',
      bullet: 'Bullet (principal and interest at maturity)',
      flat: 'Flat rate',
    },
    interestOnlyThen: 'interest only for the first {{n}} periods',
  },
} as const;

/** The frame every ledger report shares: the cover sheet and the totals row. */
export const reportFrameLabels = {
  'zh-CN': { cover: '封面', asOf: '数据截至', filter: '筛选', by: '导出人', at: '导出时间', total: '合计', summary: '汇总' },
  en: { cover: 'Cover', asOf: 'As of', filter: 'Filter', by: 'Exported by', at: 'Exported at', total: 'Total', summary: 'Summary' },
} as const;

export const loanRegisterLabels = {
  'zh-CN': {
    title: '贷款台账',
    columns: ['合同编号', '借款人', '证件号码', '借款人类型', '产品', '用途', '贷款金额', '放款日', '到期日', '期数', '年利率', '罚息利率', '还款方式', '担保方式', '贷款余额', '逾期本金', '逾期利息', '罚息', '诉讼费用', '逾期天数', '账龄', '五级分类', '年化利率（APR）', '状态'],
    kinds: { individual: '个人', 'farm-household': '农户', enterprise: '企业' },
    security: { credit: '信用', guarantee: '保证', mortgage: '抵押', pledge: '质押', combined: '组合' },
    classes: { normal: '正常', 'special-mention': '关注', substandard: '次级', doubtful: '可疑', loss: '损失' },
    statuses: { applied: '申请中', approved: '已审批', rejected: '已拒绝', disbursed: '在贷', settled: '已结清', 'written-off': '已核销' },
    filters: { status: '状态', bucket: '账龄', classification: '五级分类', officer: '信贷员', productCode: '产品', securityType: '担保方式', q: '搜索', disbursedFrom: '放款日起', disbursedTo: '放款日止', overdue: '仅逾期', nonPerforming: '仅不良' },
  },
  en: {
    title: 'Loan register',
    columns: ['Contract no.', 'Borrower', 'ID', 'Type', 'Product', 'Purpose', 'Principal', 'Disbursed', 'Maturity', 'Periods', 'Rate', 'Penalty rate', 'Method', 'Security', 'Outstanding', 'Overdue principal', 'Overdue interest', 'Penalty', 'Legal costs', 'DPD', 'Bucket', 'Class', 'APR', 'Status'],
    kinds: { individual: 'individual', 'farm-household': 'farm household', enterprise: 'enterprise' },
    security: { credit: 'credit', guarantee: 'guarantee', mortgage: 'mortgage', pledge: 'pledge', combined: 'combined' },
    classes: { normal: 'normal', 'special-mention': 'special mention', substandard: 'substandard', doubtful: 'doubtful', loss: 'loss' },
    statuses: { applied: 'applied', approved: 'approved', rejected: 'rejected', disbursed: 'disbursed', settled: 'settled', 'written-off': 'written off' },
    filters: { status: 'status', bucket: 'bucket', classification: 'class', officer: 'officer', productCode: 'product', securityType: 'security', q: 'search', disbursedFrom: 'disbursed from', disbursedTo: 'disbursed to', overdue: 'overdue only', nonPerforming: 'non-performing only' },
  },
} as const;

/** Voucher summaries (摘要) by kind, the trial balance and the voucher journal's titles. */
export const ledgerLabels = {
  'zh-CN': {
    summaries: {
      disbursement: '发放贷款',
      repayment: '收回贷款本息',
      interestAccrual: '计提贷款利息',
      writeOff: '核销贷款',
      loanRecovery: '收回已核销贷款',
      legalCost: '垫付诉讼费用',
      provision: '计提贷款损失准备',
      guaranteeFee: '收取担保费',
      feeAmortization: '担保费收入确认',
      marginReceived: '收取保证金',
      marginReturned: '退还保证金',
      compensation: '代偿',
      guaranteeRecovery: '代偿追偿收回',
      confirmedLoss: '确认代偿损失',
      reserves: '计提担保准备金',
    },
    vouchersTitle: '记账凭证',
    trialBalanceTitle: '科目余额表',
    trialBalanceColumns: ['科目编码', '科目名称', '期初借方', '期初贷方', '本期借方', '本期贷方', '期末借方', '期末贷方'],
    period: '期间',
    ties: '与明细账核对',
  },
  en: {
    summaries: {
      disbursement: 'Loan disbursed',
      repayment: 'Loan repayment',
      interestAccrual: 'Interest accrued',
      writeOff: 'Loan written off',
      loanRecovery: 'Recovery of written-off loan',
      legalCost: 'Legal costs advanced',
      provision: 'Loan loss provision',
      guaranteeFee: 'Guarantee fee received',
      feeAmortization: 'Guarantee fee earned',
      marginReceived: 'Margin deposit received',
      marginReturned: 'Margin deposit returned',
      compensation: 'Compensation paid',
      guaranteeRecovery: 'Compensation recovered',
      confirmedLoss: 'Compensation loss confirmed',
      reserves: 'Guarantee reserves',
    },
    vouchersTitle: 'Vouchers',
    trialBalanceTitle: 'Trial balance',
    trialBalanceColumns: ['Account', 'Name', 'Opening debit', 'Opening credit', 'Period debit', 'Period credit', 'Closing debit', 'Closing credit'],
    period: 'Period',
    ties: 'Tie-out to sub-ledgers',
  },
} as const;

/** The other ledger reports: titles and column headers, in the order the columns appear. */
export const reportLabels = {
  'zh-CN': {
    schedules: { title: '还款计划明细', columns: ['合同编号', '借款人', '期次', '计息起日', '还款日', '计息天数', '期初本金', '应还本金', '应还利息', '费用', '应还合计', '期末本金', '已还金额'] },
    repayments: { title: '收款流水', columns: ['收款日', '合同编号', '借款人', '类型', '渠道', '流水号', '收款金额', '本金', '利息', '罚息', '费用', '诉讼费用', '暂收款'], kinds: { repayment: '还款', recovery: '核销后收回' }, note: '已撤销的收款不列示' },
    aging: { title: '逾期账龄表', columns: ['合同编号', '借款人', '信贷员', '贷款余额', '逾期本金', '逾期利息', '罚息', '逾期天数', '账龄', '五级分类', '下一还款日'], byBucket: '账龄 {{bucket}}：{{count}} 笔，逾期本金 {{amount}}' },
    classification: { title: '五级分类与拨备表', columns: ['合同编号', '借款人', '贷款余额', '逾期天数', '五级分类', '计提比例', '应计提准备'], byClass: '{{cls}}：{{count}} 笔，余额 {{outstanding}}，应计提 {{provision}}' },
    guaranteeRegister: {
      title: '担保业务台账',
      columns: ['合同编号', '客户', '客户类型', '企业规模', '证件号码', '合作银行', '担保类型', '担保金额', '在保余额', '借款起日', '借款止日', '担保费率', '银行贷款利率', '反担保方式', '状态', '解保日期', '银行逾期', '代偿金额', '代偿日期', '已追偿', '银行分险比例'],
    },
    monitoringLog: { title: '保后检查记录', columns: ['合同编号', '客户', '检查人', '原因', '应检查日', '状态', '检查日', '检查方式', '风险等级', '检查情况', '下次检查日'] },
    collectorPerformance: { title: '催收员业绩统计', columns: ['催收员', '电话', '短信', '函件', '外访', '承诺还款', '承诺兑现', '回收金额', '绩效提成'], bucket: '{{collector}} · {{bucket}}：{{accounts}} 户，分案金额 {{assigned}}，回收 {{recovered}}（{{rate}}），提成 {{incentive}}' },
    collectionLog: { title: '催收记录', columns: ['联系时间', '债务人当地时间', '催收员', '债权类型', '合同编号', '债务人', '方式', '对象', '结果', '备注', '送达催收', '下次跟进日'] },
    yes: '是',
    no: '否',
  },
  en: {
    schedules: { title: 'Repayment schedules', columns: ['Contract no.', 'Borrower', 'No.', 'Accrual from', 'Due date', 'Days', 'Opening balance', 'Principal', 'Interest', 'Fees', 'Total due', 'Closing balance', 'Paid'] },
    repayments: { title: 'Repayment journal', columns: ['Value date', 'Contract no.', 'Borrower', 'Kind', 'Channel', 'Reference', 'Amount', 'Principal', 'Interest', 'Penalty', 'Fees', 'Legal costs', 'Unapplied'], kinds: { repayment: 'repayment', recovery: 'recovery after write-off' }, note: 'reversed payments are not listed' },
    aging: { title: 'Overdue aging', columns: ['Contract no.', 'Borrower', 'Officer', 'Outstanding', 'Overdue principal', 'Overdue interest', 'Penalty', 'DPD', 'Bucket', 'Class', 'Next due'], byBucket: 'Bucket {{bucket}}: {{count}} loans, overdue principal {{amount}}' },
    classification: { title: 'Classification and provision', columns: ['Contract no.', 'Borrower', 'Outstanding', 'DPD', 'Class', 'Provision rate', 'Provision required'], byClass: '{{cls}}: {{count}} loans, outstanding {{outstanding}}, provision {{provision}}' },
    guaranteeRegister: {
      title: 'Guarantee register',
      columns: ['Contract no.', 'Client', 'Client type', 'Size', 'ID', 'Bank', 'Type', 'Guaranteed', 'Outstanding', 'Loan start', 'Loan end', 'Fee rate', 'Bank loan rate', 'Counter-guarantees', 'Status', 'Released on', 'Overdue at bank', 'Compensated', 'Compensated on', 'Recovered', 'Bank risk share'],
    },
    monitoringLog: { title: 'Monitoring log', columns: ['Contract no.', 'Client', 'Officer', 'Reason', 'Due', 'Status', 'Checked on', 'Check type', 'Risk grade', 'Findings', 'Next check'] },
    collectorPerformance: { title: 'Collector performance', columns: ['Collector', 'Calls', 'SMS', 'Letters', 'Visits', 'Promises made', 'Promises kept', 'Recovered', 'Incentive'], bucket: '{{collector}} · {{bucket}}: {{accounts}} accounts, assigned {{assigned}}, recovered {{recovered}} ({{rate}}), incentive {{incentive}}' },
    collectionLog: { title: 'Collection log', columns: ['Contacted at', "Debtor's local time", 'Collector', 'Claim', 'Contract no.', 'Debtor', 'Channel', 'Party', 'Outcome', 'Notes', 'Demand delivered', 'Next action'] },
    yes: 'yes',
    no: 'no',
  },
} as const;

/** The management reports as Excel (the screens' 报表 tab has the same figures). */
export const managementReportLabels = {
  'zh-CN': {
    monthly: { title: '小额贷款公司月度业务报表', columns: ['产品', '期初余额', '本期发放', '本期收回', '本期核销', '期末余额'], byKind: '借款人类型 {{kind}}：期初 {{opening}}，发放 {{lent}}，收回 {{repaid}}，核销 {{writtenOff}}，期末 {{closing}}', interest: '本期应收利息 {{due}}，实收利息 {{received}}', npl: '不良贷款 {{balance}}，不良率 {{ratio}}', provisions: '应计提贷款损失准备 {{required}}，已计提 {{held}}；一般风险准备应计提 {{generalReserve}}', largest: '借款人 {{name}}：余额 {{outstanding}}，占净资产 {{share}}', month: '月份', noProduct: '（无产品）' },
    vintage: { title: '贷款账龄分析表（Vintage）', columns: ['放款月份', '笔数', '放款金额'], mob: 'MOB{{k}}', thresholdLabel: '不良口径', threshold: '逾期超过 {{days}} 天的余额 + 累计核销本金，占当月放款金额', missing: '无月末快照的月份：{{months}}' },
    rollRate: { title: '贷款迁徙率表（滚动率）', columns: ['月初档位', '笔数', '月初余额'], period: '{{from}} 月末 → {{to}} 月末', trend: '{{month}} 向下迁徙：{{rates}}', buckets: { current: '未逾期', settled: '结清', 'written-off': '核销' } },
    statistics: { title: '融资担保业务统计表', columns: ['项目', '户数', '笔数', '金额（万元）'], rows: { opening: '期初', increase: '本期增加', decrease: '本期减少', closing: '期末' }, line: '{{label}}（万元）：{{value}}', labels: { releasedWan: '本期解保', compensatedWan: '本期代偿', recoveredWan: '本期追偿收回', lossesWan: '本期确认损失' }, ratio: '{{label}}：{{value}}（{{formula}}）' },
  },
  en: {
    monthly: { title: 'Microloan monthly business report', columns: ['Product', 'Opening', 'Lent', 'Repaid', 'Written off', 'Closing'], byKind: 'Borrower type {{kind}}: opening {{opening}}, lent {{lent}}, repaid {{repaid}}, written off {{writtenOff}}, closing {{closing}}', interest: 'Interest due {{due}}, received {{received}}', npl: 'Non-performing {{balance}}, ratio {{ratio}}', provisions: 'Loan-loss provision required {{required}}, held {{held}}; general reserve required {{generalReserve}}', largest: 'Borrower {{name}}: outstanding {{outstanding}}, of net assets {{share}}', month: 'Month', noProduct: '(no product)' },
    vintage: { title: 'Vintage analysis', columns: ['Lent in', 'Loans', 'Lent'], mob: 'MOB{{k}}', thresholdLabel: 'Bad', threshold: 'balance more than {{days}} days past due + principal written off to date, over the month\'s lending', missing: 'Months without month-end positions: {{months}}' },
    rollRate: { title: 'Roll rates', columns: ['Bucket at start', 'Loans', 'Balance at start'], period: 'end of {{from}} → end of {{to}}', trend: '{{month}} forward roll: {{rates}}', buckets: { current: 'Current', settled: 'Settled', 'written-off': 'Written off' } },
    statistics: { title: 'Guarantee statistics', columns: ['Item', 'Clients', 'Contracts', 'Amount (10k yuan)'], rows: { opening: 'Opening', increase: 'Increase', decrease: 'Decrease', closing: 'Closing' }, line: '{{label}} (10k yuan): {{value}}', labels: { releasedWan: 'Released', compensatedWan: 'Compensated', recoveredWan: 'Recovered', lossesWan: 'Losses confirmed' }, ratio: '{{label}}: {{value}} ({{formula}})' },
  },
} as const;
