-- A loan's life as steps (issue #19): each installment carries its penalty rate and, a prepayment's own, the
-- payment that alone pays it; each step event its payment and the reversal that undid it; the servicing rules
-- that decide money are frozen on the loan instead of being read from the settings at every replay.
ALTER TABLE `installments` ADD `penalty_rate` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `installments` SET `penalty_rate` = (SELECT `penalty_rate` FROM `loans` WHERE `loans`.`id` = `installments`.`loan_id`);--> statement-breakpoint
ALTER TABLE `installments` ADD `paid_by` integer REFERENCES payments(id);--> statement-breakpoint
ALTER TABLE `loan_events` ADD `payment_id` integer REFERENCES payments(id);--> statement-breakpoint
ALTER TABLE `loan_events` ADD `reversed_by` integer REFERENCES loan_events(id);--> statement-breakpoint
ALTER TABLE `loan_products` ADD `allocation_strategy` text DEFAULT 'by-component' NOT NULL;--> statement-breakpoint
ALTER TABLE `loans` ADD `allocation_strategy` text DEFAULT 'by-component' NOT NULL;--> statement-breakpoint
ALTER TABLE `loans` ADD `day_basis` integer DEFAULT 360 NOT NULL;--> statement-breakpoint
ALTER TABLE `loans` ADD `rounding_mode` text DEFAULT 'half-up' NOT NULL;--> statement-breakpoint
ALTER TABLE `loans` ADD `penalty_markup` integer DEFAULT 500000 NOT NULL;--> statement-breakpoint
-- Loans on file were serviced under the settings as they stand: those become their frozen terms.
UPDATE `loans` SET
  `day_basis` = COALESCE((SELECT CAST(json_extract(`value`, '$') AS INTEGER) FROM `settings` WHERE `key` = 'lending.daysPerYear'), 360),
  `rounding_mode` = COALESCE((SELECT json_extract(`value`, '$') FROM `settings` WHERE `key` = 'lending.roundingMode'), 'half-up'),
  `penalty_markup` = COALESCE(
    (SELECT `penalty_markup` FROM `loan_products` WHERE `loan_products`.`id` = `loans`.`product_id`),
    (SELECT CAST(ROUND(CAST(json_extract(`value`, '$') AS REAL) * 10000) AS INTEGER) FROM `settings` WHERE `key` = 'lending.penaltyMarkupPercent'),
    500000);--> statement-breakpoint
-- The stored terms are the contract's as disbursed; a restructuring's mark on them moves to its event.
UPDATE `loans` SET `terms` = json_remove(`terms`, '$.restructuredFrom') WHERE json_extract(`terms`, '$.restructuredFrom') IS NOT NULL;--> statement-breakpoint
UPDATE `loan_events` SET `payment_id` = json_extract(`detail`, '$.paymentId')
  WHERE `event` IN ('repayment', 'recovery') AND json_extract(`detail`, '$.paymentId') IS NOT NULL;--> statement-breakpoint
-- Prepayments and early settlements named no payment: it is the loan's payment on that day of that amount.
UPDATE `loan_events` SET `payment_id` = (
    SELECT MIN(p.`id`) FROM `payments` p
    WHERE p.`loan_id` = `loan_events`.`loan_id` AND p.`value_date` = `loan_events`.`business_date`
      AND p.`amount` = CAST(ROUND(CAST(json_extract(`loan_events`.`detail`, CASE `loan_events`.`event` WHEN 'prepayment' THEN '$.amount' ELSE '$.payoff' END) AS REAL) * 100) AS INTEGER)
      AND p.`id` NOT IN (SELECT e.`payment_id` FROM `loan_events` e WHERE e.`payment_id` IS NOT NULL))
  WHERE `event` IN ('prepayment', 'early-settlement');--> statement-breakpoint
UPDATE `loan_events` SET `reversed_by` = (
    SELECT MIN(r.`id`) FROM `loan_events` r WHERE r.`loan_id` = `loan_events`.`loan_id` AND r.`event` = 'reversal' AND json_extract(r.`detail`, '$.paymentId') = `loan_events`.`payment_id`)
  WHERE `payment_id` IS NOT NULL;--> statement-breakpoint
-- A prepayment's own installment, in every schedule version that carries it, is paid by the prepayment alone.
UPDATE `installments` SET `paid_by` = (
    SELECT MIN(p.`id`) FROM `payments` p JOIN `loan_events` e ON e.`payment_id` = p.`id` AND e.`event` = 'prepayment'
    WHERE p.`loan_id` = `installments`.`loan_id` AND p.`value_date` = `installments`.`due_date` AND p.`amount` = `installments`.`principal` + `installments`.`interest` + `installments`.`fees`)
  WHERE `loan_id` IN (SELECT `loan_id` FROM `loan_events` WHERE `event` = 'prepayment');
