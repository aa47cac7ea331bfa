#!/bin/sh
# Rewrites imports after the module moves of issue 12, part 6 (the layering).
# Run at the root of a checkout of another branch: sh RENAMES.sh
# Files: every Python file, template, doc and config that may name a moved module.
set -e
FILES=$(git ls-files '*.py' '*.md' '*.toml' '*.cfg' '*.html' '*.ini' '*.sh' | grep -v '^RENAMES.sh$')

# 1. The question types are part of the content layer (git mv course/quizzes/question_types course/content/question_types)
sed -i 's/course\.quizzes\.question_types/course.content.question_types/g; s#course/quizzes/question_types#course/content/question_types#g' $FILES

# Last: sort the rewritten import blocks (ruff's isort rule, as in the project's lint).
ruff_bin=$(command -v .venv/bin/ruff || command -v ruff)
"$ruff_bin" check --select I --fix --quiet . || true
