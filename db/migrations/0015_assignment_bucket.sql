ALTER TABLE `collection_assignments` ADD `bucket` text;--> statement-breakpoint
ALTER TABLE `collection_assignments` ADD `amount_assigned` integer;