CREATE TABLE `net_assets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period_end` text NOT NULL,
	`amount` integer NOT NULL,
	`note` text,
	`recorded_at` text NOT NULL,
	`recorded_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `net_assets_period_uq` ON `net_assets` (`period_end`);