CREATE TABLE `repayment_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`loan_id` integer NOT NULL,
	`started_on` text NOT NULL,
	`schedule_version` integer NOT NULL,
	`first_installment` integer NOT NULL,
	`periods` integer NOT NULL,
	`reason` text NOT NULL,
	`recorded_at` text NOT NULL,
	`recorded_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `repayment_plans_loan_idx` ON `repayment_plans` (`loan_id`);