DROP INDEX `guarantee_contracts_client_idx`;--> statement-breakpoint
CREATE INDEX `guarantee_contracts_client_idx` ON `guarantee_contracts` (`client_id`,`status`,`guaranteed_amount`,`repaid_to_bank`);