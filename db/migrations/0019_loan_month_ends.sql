CREATE TABLE `loan_month_ends` (
	`month` text NOT NULL,
	`loan_id` integer NOT NULL,
	`bucket` text NOT NULL,
	`dpd` integer NOT NULL,
	`outstanding_principal` integer NOT NULL,
	PRIMARY KEY(`month`, `loan_id`)
);
--> statement-breakpoint
CREATE INDEX `loan_month_ends_loan_idx` ON `loan_month_ends` (`loan_id`,`month`);