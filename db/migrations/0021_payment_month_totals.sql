-- Money received by value month, kept by triggers so no write path can forget it (SQLite trigger syntax;
-- the PostgreSQL mode writes the same three as plpgsql triggers). Payments are never deleted, but a
-- delete is handled all the same. Backfilled from the payments already recorded.
INSERT INTO `payment_month_totals` (`month`, `status`, `kind`, `amount`, `payments`)
  SELECT substr(`value_date`, 1, 7), `status`, `kind`, SUM(`amount`), COUNT(*) FROM `payments` GROUP BY substr(`value_date`, 1, 7), `status`, `kind`;
--> statement-breakpoint
CREATE TRIGGER `payment_month_totals_insert` AFTER INSERT ON `payments` BEGIN
  INSERT INTO `payment_month_totals` (`month`, `status`, `kind`, `amount`, `payments`) VALUES (substr(NEW.`value_date`, 1, 7), NEW.`status`, NEW.`kind`, NEW.`amount`, 1)
    ON CONFLICT (`month`, `status`, `kind`) DO UPDATE SET `amount` = `amount` + excluded.`amount`, `payments` = `payments` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `payment_month_totals_update` AFTER UPDATE OF `value_date`, `status`, `kind`, `amount` ON `payments` BEGIN
  UPDATE `payment_month_totals` SET `amount` = `amount` - OLD.`amount`, `payments` = `payments` - 1
    WHERE `month` = substr(OLD.`value_date`, 1, 7) AND `status` = OLD.`status` AND `kind` = OLD.`kind`;
  INSERT INTO `payment_month_totals` (`month`, `status`, `kind`, `amount`, `payments`) VALUES (substr(NEW.`value_date`, 1, 7), NEW.`status`, NEW.`kind`, NEW.`amount`, 1)
    ON CONFLICT (`month`, `status`, `kind`) DO UPDATE SET `amount` = `amount` + excluded.`amount`, `payments` = `payments` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `payment_month_totals_delete` AFTER DELETE ON `payments` BEGIN
  UPDATE `payment_month_totals` SET `amount` = `amount` - OLD.`amount`, `payments` = `payments` - 1
    WHERE `month` = substr(OLD.`value_date`, 1, 7) AND `status` = OLD.`status` AND `kind` = OLD.`kind`;
END;
