CREATE TABLE `loan_products` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`method` text NOT NULL,
	`annual_rate` integer NOT NULL,
	`periods` integer NOT NULL,
	`frequency` text NOT NULL,
	`interest_only_periods` integer DEFAULT 0 NOT NULL,
	`day_count` text NOT NULL,
	`rounding_mode` text NOT NULL,
	`installment_multiple` integer DEFAULT 1 NOT NULL,
	`upfront_fee_rate` integer DEFAULT 0 NOT NULL,
	`periodic_fee` integer DEFAULT 0 NOT NULL,
	`penalty_markup` integer NOT NULL,
	`compound_interest` integer NOT NULL,
	`grace_days` integer DEFAULT 0 NOT NULL,
	`allocation_order` text NOT NULL,
	`note` text,
	`active` integer DEFAULT true NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `loan_products_code_uq` ON `loan_products` (`code`);