/** Collections (催收) vocabulary shared by the database, the services and the screens. */
export const claimKinds = ['loan', 'guarantee'] as const;
export type ClaimKind = (typeof claimKinds)[number];

/** 电话 / 短信 / 信函 / 挂号信 / 上门 / 律师函 / 诉讼 / 强制执行 */
export const contactChannels = ['phone', 'sms', 'letter', 'registered-mail', 'visit', 'lawyer-letter', 'lawsuit', 'enforcement'] as const;
export type ContactChannel = (typeof contactChannels)[number];

/** Only obligors (the borrower, a guarantor) may be pressed for the debt; related persons help locate them. */
export const contactParties = ['borrower', 'guarantor', 'related-person'] as const;
export type ContactParty = (typeof contactParties)[number];

/** 立案 / 判决 / 执行 / 结案 */
export const legalStages = ['filed', 'judgment', 'enforcement', 'closed'] as const;
export const legalCostKinds = ['court-fee', 'lawyer-fee', 'preservation', 'enforcement', 'other'] as const;
