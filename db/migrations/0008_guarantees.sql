CREATE TABLE `counter_guarantees` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contract_id` integer NOT NULL,
	`kind` text NOT NULL,
	`collateral_id` integer,
	`guarantor_id` integer,
	`secured_amount` integer NOT NULL,
	`linked_at` text NOT NULL,
	`linked_by` text NOT NULL,
	FOREIGN KEY (`contract_id`) REFERENCES `guarantee_contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`collateral_id`) REFERENCES `collateral`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`guarantor_id`) REFERENCES `borrowers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `counter_guarantees_contract_idx` ON `counter_guarantees` (`contract_id`);--> statement-breakpoint
CREATE TABLE `guarantee_contracts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contract_no` text NOT NULL,
	`client_id` integer NOT NULL,
	`bank_id` integer NOT NULL,
	`guarantee_type` text NOT NULL,
	`client_size` text NOT NULL,
	`issuer_rating` text,
	`guaranteed_amount` integer NOT NULL,
	`bank_loan_no` text,
	`bank_loan_rate` integer NOT NULL,
	`loan_start` text NOT NULL,
	`loan_end` text NOT NULL,
	`fee_rate` integer NOT NULL,
	`fee_charging` text NOT NULL,
	`margin_deposit` integer DEFAULT 0 NOT NULL,
	`bank_risk_share` integer DEFAULT 0 NOT NULL,
	`review_date` text,
	`review_members` text,
	`review_conditions` text,
	`officer` text NOT NULL,
	`status` text NOT NULL,
	`repaid_to_bank` integer DEFAULT 0 NOT NULL,
	`released_amount` integer DEFAULT 0 NOT NULL,
	`released_on` text,
	`compensated_amount` integer DEFAULT 0 NOT NULL,
	`compensated_on` text,
	`recovered_amount` integer DEFAULT 0 NOT NULL,
	`loss_amount` integer DEFAULT 0 NOT NULL,
	`loss_evidence_type` text,
	`loss_document_no` text,
	`watch_list` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `borrowers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bank_id`) REFERENCES `partner_banks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `guarantee_contracts_no_uq` ON `guarantee_contracts` (`contract_no`);--> statement-breakpoint
CREATE INDEX `guarantee_contracts_client_idx` ON `guarantee_contracts` (`client_id`);--> statement-breakpoint
CREATE INDEX `guarantee_contracts_bank_idx` ON `guarantee_contracts` (`bank_id`,`status`);--> statement-breakpoint
CREATE TABLE `guarantee_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contract_id` integer NOT NULL,
	`event` text NOT NULL,
	`business_date` text NOT NULL,
	`amount` integer,
	`detail` text,
	`at` text NOT NULL,
	`by` text NOT NULL,
	FOREIGN KEY (`contract_id`) REFERENCES `guarantee_contracts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `guarantee_events_contract_idx` ON `guarantee_events` (`contract_id`);--> statement-breakpoint
CREATE TABLE `partner_banks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`branch` text,
	`contact` text,
	`phone` text,
	`credit_line` integer NOT NULL,
	`line_valid_from` text NOT NULL,
	`line_valid_to` text NOT NULL,
	`margin_ratio` integer DEFAULT 0 NOT NULL,
	`risk_share` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partner_banks_name_branch_uq` ON `partner_banks` (`name`,`branch`);