/**
 * Collection letters (催收通知书, 律师函) from editable templates: {{field}} placeholders filled from the
 * account. Only the fields below exist; a template naming another is refused when it is saved.
 */
export const letterKinds = ['notice', 'lawyer'] as const;
export type LetterKind = (typeof letterKinds)[number];

export const LETTER_FIELDS = ['debtorName', 'idNumberMasked', 'contractNo', 'amountDue', 'dpd', 'payBy', 'companyName', 'date', 'collector'] as const;
export type LetterField = (typeof LETTER_FIELDS)[number];

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** The placeholders a template uses that are not letter fields. */
export function unknownFields(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !(LETTER_FIELDS as readonly string[]).includes(name));
}

export function mergeLetter(template: string, values: Record<LetterField, string>): string {
  return template.replace(PLACEHOLDER, (_, name: string) => values[name as LetterField] ?? '');
}

export const DEFAULT_LETTER_TEMPLATES: Record<LetterKind, { title: string; body: string }> = {
  notice: {
    title: '催收通知书',
    body: [
      '{{debtorName}}（证件号码 {{idNumberMasked}}）：',
      '您在本公司的借款（合同编号 {{contractNo}}）已逾期 {{dpd}} 天，截至 {{date}} 应还未还金额共计人民币 {{amountDue}} 元。',
      '请于 {{payBy}} 前足额归还。逾期不还的，本公司将依法追究您的违约责任，相关费用由您承担。',
      '如已还款，请忽略本通知。如有疑问，请与经办人 {{collector}} 联系。',
      '{{companyName}}',
      '{{date}}',
    ].join('\n'),
  },
  lawyer: {
    title: '律师函',
    body: [
      '致：{{debtorName}}',
      '受{{companyName}}委托，就您所欠借款（合同编号 {{contractNo}}）事宜致函如下：',
      '截至 {{date}}，您尚欠本金、利息及罚息共计人民币 {{amountDue}} 元，已逾期 {{dpd}} 天。',
      '请您于 {{payBy}} 前清偿全部欠款。逾期未清偿的，我方将代表委托人依法提起诉讼，并申请财产保全，由此产生的诉讼费、保全费、律师费等由您承担。',
      '特此函告。',
      '{{date}}',
    ].join('\n'),
  },
};
