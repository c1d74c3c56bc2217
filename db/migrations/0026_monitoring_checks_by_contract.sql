DROP INDEX `monitoring_checks_contract_idx`;--> statement-breakpoint
CREATE INDEX `monitoring_checks_contract_idx` ON `monitoring_checks` (`contract_id`,`status`,`due_date`);