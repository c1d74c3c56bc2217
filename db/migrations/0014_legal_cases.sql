CREATE TABLE `legal_case_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`stage` text NOT NULL,
	`event_date` text NOT NULL,
	`note` text,
	`at` text NOT NULL,
	`by` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `legal_cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `legal_cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_kind` text NOT NULL,
	`claim_id` integer NOT NULL,
	`court` text NOT NULL,
	`case_no` text NOT NULL,
	`stage` text NOT NULL,
	`filed_on` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `legal_cases_claim_idx` ON `legal_cases` (`claim_kind`,`claim_id`);--> statement-breakpoint
CREATE TABLE `legal_costs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`claim_kind` text NOT NULL,
	`claim_id` integer NOT NULL,
	`cost_date` text NOT NULL,
	`amount` integer NOT NULL,
	`kind` text NOT NULL,
	`note` text,
	`at` text NOT NULL,
	`by` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `legal_cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `legal_costs_claim_idx` ON `legal_costs` (`claim_kind`,`claim_id`);--> statement-breakpoint
ALTER TABLE `loans` ADD `costs_outstanding` integer DEFAULT 0 NOT NULL;