-- Month-end positions clustered by loan (SQLite's WITHOUT ROWID): the book loader and the close write a
-- loan's months together, so rows append instead of landing in one place per month; the month index
-- serves the reports. Same columns and keys as the drizzle schema (PostgreSQL keeps an ordinary table).
CREATE TABLE `loan_month_ends_clustered` (
	`month` text NOT NULL,
	`loan_id` integer NOT NULL,
	`bucket` text NOT NULL,
	`dpd` integer NOT NULL,
	`outstanding_principal` integer NOT NULL,
	PRIMARY KEY(`loan_id`, `month`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `loan_month_ends_clustered` SELECT `month`, `loan_id`, `bucket`, `dpd`, `outstanding_principal` FROM `loan_month_ends`;
--> statement-breakpoint
DROP TABLE `loan_month_ends`;
--> statement-breakpoint
ALTER TABLE `loan_month_ends_clustered` RENAME TO `loan_month_ends`;
--> statement-breakpoint
CREATE INDEX `loan_month_ends_month_idx` ON `loan_month_ends` (`month`, `loan_id`);
