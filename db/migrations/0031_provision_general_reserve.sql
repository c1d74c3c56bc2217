-- Closes recorded before this migration did not compute the general reserve: they keep 0.
ALTER TABLE `provision_runs` ADD `general_reserve` integer DEFAULT 0 NOT NULL;