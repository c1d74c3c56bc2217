CREATE TABLE `collateral` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`owner_borrower_id` integer,
	`owner_name` text NOT NULL,
	`kind` text NOT NULL,
	`description` text NOT NULL,
	`certificate_no` text,
	`lien_rank` integer DEFAULT 1 NOT NULL,
	`appraised_value` integer NOT NULL,
	`appraised_on` text NOT NULL,
	`insurance_expiry` text,
	`status` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`owner_borrower_id`) REFERENCES `borrowers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `collateral_owner_idx` ON `collateral` (`owner_borrower_id`);--> statement-breakpoint
CREATE TABLE `collateral_valuations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`collateral_id` integer NOT NULL,
	`value` integer NOT NULL,
	`valued_on` text NOT NULL,
	`appraiser` text,
	`at` text NOT NULL,
	`by` text NOT NULL,
	FOREIGN KEY (`collateral_id`) REFERENCES `collateral`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `loan_collateral` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`loan_id` integer NOT NULL,
	`collateral_id` integer NOT NULL,
	`secured_amount` integer NOT NULL,
	`linked_at` text NOT NULL,
	`linked_by` text NOT NULL,
	`released_at` text,
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`collateral_id`) REFERENCES `collateral`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `loan_collateral_loan_idx` ON `loan_collateral` (`loan_id`);--> statement-breakpoint
CREATE INDEX `loan_collateral_collateral_idx` ON `loan_collateral` (`collateral_id`);--> statement-breakpoint
CREATE TABLE `loan_guarantors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`loan_id` integer NOT NULL,
	`guarantor_id` integer NOT NULL,
	`kind` text NOT NULL,
	`amount` integer NOT NULL,
	`period_end` text NOT NULL,
	`group_name` text,
	`linked_at` text NOT NULL,
	`linked_by` text NOT NULL,
	`released_at` text,
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`guarantor_id`) REFERENCES `borrowers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `loan_guarantors_loan_idx` ON `loan_guarantors` (`loan_id`);--> statement-breakpoint
CREATE INDEX `loan_guarantors_guarantor_idx` ON `loan_guarantors` (`guarantor_id`);