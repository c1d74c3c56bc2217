CREATE TABLE `guarantee_liability_total` (
	`id` integer PRIMARY KEY NOT NULL,
	`weighted` integer NOT NULL
);
