CREATE TABLE `collection_agencies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`contact` text,
	`phone` text,
	`contract_from` text NOT NULL,
	`contract_to` text NOT NULL,
	`commission` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `placements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agency_id` integer NOT NULL,
	`claim_kind` text NOT NULL,
	`claim_id` integer NOT NULL,
	`contract_no` text NOT NULL,
	`bucket` text NOT NULL,
	`amount_placed` integer NOT NULL,
	`placed_on` text NOT NULL,
	`recalled_on` text,
	`batch` text NOT NULL,
	`placed_by` text NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `collection_agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `placements_agency_idx` ON `placements` (`agency_id`);--> statement-breakpoint
CREATE INDEX `placements_claim_idx` ON `placements` (`claim_kind`,`claim_id`);