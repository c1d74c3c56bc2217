CREATE TABLE `provision_runs` (
	`business_date` text PRIMARY KEY NOT NULL,
	`required` integer NOT NULL,
	`by_class` text NOT NULL,
	`at` text NOT NULL,
	`by` text NOT NULL
);
