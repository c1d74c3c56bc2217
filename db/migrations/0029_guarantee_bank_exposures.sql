CREATE TABLE `guarantee_bank_exposures` (
	`bank_id` integer PRIMARY KEY NOT NULL,
	`in_force` integer NOT NULL
);
--> statement-breakpoint
-- Kept as contracts change (SQLite trigger syntax; the PostgreSQL mode writes the same as plpgsql
-- triggers): a contract counts against its bank while in force, guaranteed amount less repaid to the
-- bank, as the credit-line check has always summed it. Backfilled from the contracts already recorded.
INSERT INTO `guarantee_bank_exposures` (`bank_id`, `in_force`)
  SELECT `bank_id`, SUM(`guaranteed_amount` - `repaid_to_bank`) FROM `guarantee_contracts` WHERE `status` = 'in-force' GROUP BY `bank_id`;
--> statement-breakpoint
CREATE TRIGGER `guarantee_bank_exposures_insert` AFTER INSERT ON `guarantee_contracts` WHEN NEW.`status` = 'in-force' BEGIN
  INSERT INTO `guarantee_bank_exposures` (`bank_id`, `in_force`) VALUES (NEW.`bank_id`, NEW.`guaranteed_amount` - NEW.`repaid_to_bank`)
    ON CONFLICT (`bank_id`) DO UPDATE SET `in_force` = `in_force` + excluded.`in_force`;
END;
--> statement-breakpoint
CREATE TRIGGER `guarantee_bank_exposures_update` AFTER UPDATE OF `bank_id`, `status`, `guaranteed_amount`, `repaid_to_bank` ON `guarantee_contracts`
  WHEN OLD.`status` = 'in-force' OR NEW.`status` = 'in-force' BEGIN
  INSERT INTO `guarantee_bank_exposures` (`bank_id`, `in_force`) VALUES (OLD.`bank_id`, CASE WHEN OLD.`status` = 'in-force' THEN OLD.`repaid_to_bank` - OLD.`guaranteed_amount` ELSE 0 END)
    ON CONFLICT (`bank_id`) DO UPDATE SET `in_force` = `in_force` + excluded.`in_force`;
  INSERT INTO `guarantee_bank_exposures` (`bank_id`, `in_force`) VALUES (NEW.`bank_id`, CASE WHEN NEW.`status` = 'in-force' THEN NEW.`guaranteed_amount` - NEW.`repaid_to_bank` ELSE 0 END)
    ON CONFLICT (`bank_id`) DO UPDATE SET `in_force` = `in_force` + excluded.`in_force`;
END;
--> statement-breakpoint
CREATE TRIGGER `guarantee_bank_exposures_delete` AFTER DELETE ON `guarantee_contracts` WHEN OLD.`status` = 'in-force' BEGIN
  UPDATE `guarantee_bank_exposures` SET `in_force` = `in_force` - (OLD.`guaranteed_amount` - OLD.`repaid_to_bank`) WHERE `bank_id` = OLD.`bank_id`;
END;
