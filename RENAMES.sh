#!/bin/sh
# Rewrites imports after the module moves of issue 12, part 6 (the layering).
# Run at the root of a checkout of another branch: sh RENAMES.sh
# Files: every Python file, template, doc and config that may name a moved module.
set -e
FILES=$(git ls-files '*.py' '*.md' '*.toml' '*.cfg' '*.html' '*.ini' '*.sh' | grep -v '^RENAMES.sh$')

# 1. The question types are part of the content layer (git mv course/quizzes/question_types course/content/question_types)
sed -i 's/course\.quizzes\.question_types/course.content.question_types/g; s#course/quizzes/question_types#course/content/question_types#g' $FILES

# 2. What content defines moves into the content layer, API tokens into accounts (they are credentials):
#    git mv course/quizzes/review_options.py course/content/review_options.py
#    git mv course/catalog_access.py course/content/access.py
#    git mv course/api/models.py course/accounts/token_models.py
#    git mv course/api/tokens.py course/accounts/tokens.py
sed -i 's/course\.quizzes\.review_options/course.content.review_options/g; s#course/quizzes/review_options#course/content/review_options#g' $FILES
sed -i 's/course\.catalog_access/course.content.access/g; s#course/catalog_access\.py#course/content/access.py#g' $FILES
sed -i 's/course\.api\.models/course.accounts.token_models/g; s#course/api/models\.py#course/accounts/token_models.py#g' $FILES
sed -i 's/course\.api\.tokens/course.accounts.tokens/g; s#course/api/tokens\.py#course/accounts/tokens.py#g' $FILES

# Last: sort the rewritten import blocks (ruff's isort rule, as in the project's lint).
ruff_bin=$(command -v .venv/bin/ruff || command -v ruff)
"$ruff_bin" check --select I --fix --quiet . || true
