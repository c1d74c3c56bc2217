CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `borrower_related_persons` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`borrower_id` integer NOT NULL,
	`name` text NOT NULL,
	`relationship` text NOT NULL,
	`id_number` text,
	`phone` text,
	`note` text,
	`removed_at` text,
	`removed_by` text,
	FOREIGN KEY (`borrower_id`) REFERENCES `borrowers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `borrower_related_persons_borrower_idx` ON `borrower_related_persons` (`borrower_id`);--> statement-breakpoint
CREATE TABLE `borrowers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`id_type` text NOT NULL,
	`id_number` text NOT NULL,
	`phone` text,
	`address` text,
	`employer` text,
	`industry` text,
	`legal_representative` text,
	`note` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `borrowers_identity_uq` ON `borrowers` (`id_type`,`id_number`);--> statement-breakpoint
CREATE INDEX `borrowers_name_idx` ON `borrowers` (`name`);--> statement-breakpoint
CREATE INDEX `borrowers_phone_idx` ON `borrowers` (`phone`);