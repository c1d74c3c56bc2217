CREATE TABLE `installments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`loan_id` integer NOT NULL,
	`schedule_version` integer NOT NULL,
	`number` integer NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`due_date` text NOT NULL,
	`days` integer NOT NULL,
	`opening_balance` integer NOT NULL,
	`principal` integer NOT NULL,
	`interest` integer NOT NULL,
	`fees` integer NOT NULL,
	`closing_balance` integer NOT NULL,
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `installments_loan_version_number_uq` ON `installments` (`loan_id`,`schedule_version`,`number`);--> statement-breakpoint
CREATE TABLE `loan_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`loan_id` integer NOT NULL,
	`event` text NOT NULL,
	`business_date` text NOT NULL,
	`detail` text,
	`at` text NOT NULL,
	`by` text NOT NULL,
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `loan_events_loan_idx` ON `loan_events` (`loan_id`);--> statement-breakpoint
CREATE TABLE `loans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contract_no` text NOT NULL,
	`borrower_id` integer NOT NULL,
	`product_id` integer,
	`purpose` text,
	`security_type` text NOT NULL,
	`loan_officer` text NOT NULL,
	`principal` integer NOT NULL,
	`annual_rate` integer NOT NULL,
	`method` text NOT NULL,
	`periods` integer NOT NULL,
	`terms` text NOT NULL,
	`penalty_rate` integer NOT NULL,
	`compound_interest` integer NOT NULL,
	`grace_days` integer NOT NULL,
	`allocation_order` text NOT NULL,
	`apr_percent` text NOT NULL,
	`status` text NOT NULL,
	`approved_by` text,
	`approval_comment` text,
	`disbursement_date` text,
	`maturity_date` text,
	`schedule_version` integer DEFAULT 0 NOT NULL,
	`class_override` text,
	`as_of` text,
	`outstanding_principal` integer DEFAULT 0 NOT NULL,
	`principal_repaid` integer DEFAULT 0 NOT NULL,
	`written_off` integer DEFAULT 0 NOT NULL,
	`overdue_principal` integer DEFAULT 0 NOT NULL,
	`overdue_interest` integer DEFAULT 0 NOT NULL,
	`penalty_outstanding` integer DEFAULT 0 NOT NULL,
	`dpd` integer DEFAULT 0 NOT NULL,
	`bucket` text DEFAULT 'current' NOT NULL,
	`classification` text DEFAULT 'normal' NOT NULL,
	`next_due_date` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`borrower_id`) REFERENCES `borrowers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `loan_products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `loans_contract_no_uq` ON `loans` (`contract_no`);--> statement-breakpoint
CREATE INDEX `loans_borrower_idx` ON `loans` (`borrower_id`);--> statement-breakpoint
CREATE INDEX `loans_status_idx` ON `loans` (`status`,`dpd`);--> statement-breakpoint
CREATE INDEX `loans_class_idx` ON `loans` (`classification`);--> statement-breakpoint
CREATE TABLE `payment_allocations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`payment_id` integer NOT NULL,
	`loan_id` integer NOT NULL,
	`installment_number` integer,
	`component` text NOT NULL,
	`amount` integer NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payment_allocations_payment_idx` ON `payment_allocations` (`payment_id`);--> statement-breakpoint
CREATE INDEX `payment_allocations_loan_idx` ON `payment_allocations` (`loan_id`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`loan_id` integer NOT NULL,
	`value_date` text NOT NULL,
	`amount` integer NOT NULL,
	`channel` text NOT NULL,
	`reference` text,
	`status` text NOT NULL,
	`reversal_reason` text,
	`reversed_at` text,
	`reversed_by` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payments_loan_idx` ON `payments` (`loan_id`,`value_date`);