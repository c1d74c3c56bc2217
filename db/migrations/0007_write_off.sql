ALTER TABLE `loans` ADD `recovered` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `payments` ADD `kind` text DEFAULT 'repayment' NOT NULL;