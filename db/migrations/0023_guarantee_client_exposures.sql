CREATE TABLE `guarantee_client_exposures` (
	`client_id` integer PRIMARY KEY NOT NULL,
	`loan_small_micro` integer NOT NULL,
	`loan_small_micro_weighted` integer NOT NULL,
	`loan_farm_household` integer NOT NULL,
	`loan_farm_household_weighted` integer NOT NULL,
	`loan_other` integer NOT NULL,
	`bond_high_weighted` integer NOT NULL,
	`other_balance` integer NOT NULL
);
--> statement-breakpoint
DROP INDEX `guarantee_contracts_bank_idx`;--> statement-breakpoint
CREATE INDEX `guarantee_contracts_bank_idx` ON `guarantee_contracts` (`bank_id`,`status`,`guaranteed_amount`,`repaid_to_bank`);