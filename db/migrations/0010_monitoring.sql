CREATE TABLE `monitoring_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contract_id` integer NOT NULL,
	`due_date` text NOT NULL,
	`reason` text NOT NULL,
	`officer` text NOT NULL,
	`status` text NOT NULL,
	`checked_on` text,
	`check_type` text,
	`findings` text,
	`risk_grade` text,
	`next_check_on` text,
	`closed_note` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`closed_at` text,
	`closed_by` text,
	FOREIGN KEY (`contract_id`) REFERENCES `guarantee_contracts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `monitoring_checks_contract_idx` ON `monitoring_checks` (`contract_id`);--> statement-breakpoint
CREATE INDEX `monitoring_checks_due_idx` ON `monitoring_checks` (`status`,`due_date`);--> statement-breakpoint
CREATE TABLE `warning_signals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contract_id` integer NOT NULL,
	`signal` text NOT NULL,
	`source` text NOT NULL,
	`raised_on` text NOT NULL,
	`detail` text,
	`raised_at` text NOT NULL,
	`raised_by` text NOT NULL,
	`cleared_on` text,
	`clear_reason` text,
	`cleared_at` text,
	`cleared_by` text,
	FOREIGN KEY (`contract_id`) REFERENCES `guarantee_contracts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `warning_signals_contract_idx` ON `warning_signals` (`contract_id`);