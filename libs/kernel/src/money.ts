/** Money is a decimal number in the tenant's base currency; we keep it to cents. */
export const roundMoney = (amount: number): number => Math.round(amount * 100) / 100;
