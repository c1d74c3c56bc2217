CREATE TABLE `payment_month_totals` (
	`month` text NOT NULL,
	`status` text NOT NULL,
	`kind` text NOT NULL,
	`amount` integer NOT NULL,
	`payments` integer NOT NULL,
	PRIMARY KEY(`month`, `status`, `kind`)
);
--> statement-breakpoint
DROP INDEX `borrowers_identity_uq`;--> statement-breakpoint
CREATE UNIQUE INDEX `borrowers_identity_uq` ON `borrowers` (`id_number`,`id_type`);--> statement-breakpoint
DROP INDEX `loans_register_principal_idx`;--> statement-breakpoint
DROP INDEX `loans_register_disbursed_idx`;--> statement-breakpoint
CREATE INDEX `loans_register_principal_idx` ON `loans` (`principal`,`status`,`bucket`,`classification`,`loan_officer`,`product_id`,`security_type`,`borrower_id`,`disbursement_date`,`contract_no`,`outstanding_principal`,`overdue_principal`,`annual_rate`,`dpd`,`maturity_date`);--> statement-breakpoint
CREATE INDEX `loans_register_disbursed_idx` ON `loans` (`disbursement_date`,`status`,`bucket`,`classification`,`loan_officer`,`product_id`,`security_type`,`borrower_id`,`contract_no`,`principal`);--> statement-breakpoint
CREATE INDEX `borrower_related_persons_id_number_idx` ON `borrower_related_persons` (`id_number`);