CREATE TABLE "prompts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_prompts" PRIMARY KEY AUTOINCREMENT,
    "Domain" TEXT NOT NULL,
    "Category" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "IsCurrent" INTEGER NOT NULL,
    "Description" TEXT NOT NULL,
    "KeywordsJson" TEXT NOT NULL,
    "Instructions" TEXT NOT NULL,
    "FieldsJson" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL
);


CREATE UNIQUE INDEX "IX_prompts_Domain_Category_Version" ON "prompts" ("Domain", "Category", "Version");


