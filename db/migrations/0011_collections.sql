CREATE TABLE `collection_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_kind` text NOT NULL,
	`claim_id` integer NOT NULL,
	`collector` text NOT NULL,
	`reason` text NOT NULL,
	`assigned_on` text NOT NULL,
	`assigned_at` text NOT NULL,
	`assigned_by` text NOT NULL,
	`ended_at` text
);
--> statement-breakpoint
CREATE INDEX `collection_assignments_claim_idx` ON `collection_assignments` (`claim_kind`,`claim_id`);--> statement-breakpoint
CREATE INDEX `collection_assignments_collector_idx` ON `collection_assignments` (`collector`,`ended_at`);--> statement-breakpoint
CREATE TABLE `collection_contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_kind` text NOT NULL,
	`claim_id` integer NOT NULL,
	`contacted_at` text NOT NULL,
	`debtor_local_time` text NOT NULL,
	`time_zone` text NOT NULL,
	`channel` text NOT NULL,
	`party` text NOT NULL,
	`party_name` text,
	`outcome` text NOT NULL,
	`notes` text,
	`attachments` text,
	`demand_delivered` integer DEFAULT false NOT NULL,
	`next_action_on` text,
	`out_of_hours_reason` text,
	`frequency_warning` integer DEFAULT false NOT NULL,
	`recorded_at` text NOT NULL,
	`recorded_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `collection_contacts_claim_idx` ON `collection_contacts` (`claim_kind`,`claim_id`,`contacted_at`);--> statement-breakpoint
CREATE INDEX `collection_contacts_by_idx` ON `collection_contacts` (`recorded_by`,`contacted_at`);--> statement-breakpoint
CREATE TABLE `limitation_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_kind` text NOT NULL,
	`claim_id` integer NOT NULL,
	`kind` text NOT NULL,
	`event_date` text NOT NULL,
	`evidence` text NOT NULL,
	`recorded_at` text NOT NULL,
	`recorded_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `limitation_events_claim_idx` ON `limitation_events` (`claim_kind`,`claim_id`);--> statement-breakpoint
CREATE TABLE `promises_to_pay` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_kind` text NOT NULL,
	`claim_id` integer NOT NULL,
	`amount` integer NOT NULL,
	`due_date` text NOT NULL,
	`made_on` text NOT NULL,
	`contact_id` integer,
	`recorded_at` text NOT NULL,
	`recorded_by` text NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `collection_contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `promises_to_pay_claim_idx` ON `promises_to_pay` (`claim_kind`,`claim_id`);--> statement-breakpoint
ALTER TABLE `borrowers` ADD `time_zone` text;