CREATE TABLE "notes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_notes" PRIMARY KEY AUTOINCREMENT,
    "Slug" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "Author" TEXT NULL
);

CREATE UNIQUE INDEX "IX_notes_Slug" ON "notes" ("Slug");
