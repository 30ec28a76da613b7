CREATE TABLE "things" ("Id" bigint NOT NULL PRIMARY KEY);
