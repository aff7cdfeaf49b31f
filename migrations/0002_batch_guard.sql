CREATE TABLE `batch_guard` (
	`ok` integer NOT NULL
);
