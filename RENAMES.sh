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

# 3. Learner and current_learner move out of progress into course/learners/ (models.py, current.py);
#    QuizStatus moves from progress/summary.py to quizzes/status.py. Split files, so by name:
sed -i 's/^\( *\)from course\.progress\.models import Learner, LessonCompletion\(.*\)$/\1from course.learners.models import Learner\2\n\1from course.progress.models import LessonCompletion\2/' $FILES
sed -i 's/^\( *\)from course\.progress\.models import Learner\( *#.*\)\?$/\1from course.learners.models import Learner\2/' $FILES
sed -i 's/^\( *\)from course\.progress\.learners import current_learner, learner_progress\(.*\)$/\1from course.learners.current import current_learner\2\n\1from course.progress.learners import learner_progress\2/' $FILES
sed -i 's/^\( *\)from course\.progress\.learners import \(current_learner\|reading_learner\|learner_for_user\|adopt_browser_progress\|merge_learners\|SESSION_KEY\)\( *#.*\)\?$/\1from course.learners.current import \2\3/' $FILES
sed -i 's/^\( *\)from course\.progress\.summary import CourseProgress, QuizStatus\(.*\)$/\1from course.progress.summary import CourseProgress\2\n\1from course.quizzes.status import QuizStatus\2/' $FILES
sed -i 's/^\( *\)from course\.progress\.summary import QuizStatus\(.*\)$/\1from course.quizzes.status import QuizStatus\2/' $FILES
# The one parenthesized import of main (course/lessons/views.py): its two learner names.
sed -i '/^from course\.progress\.learners import ($/,/^)$/{/^    current_learner,$/d;/^    reading_learner,$/d}' $FILES
grep -q '^from course\.learners\.current import' course/lessons/views.py ||
  sed -i 's/^from course\.progress\.learners import ($/from course.learners.current import current_learner, reading_learner\n&/' course/lessons/views.py
# Anything left naming a moved name at its old place is for a hand (prints nothing when done):
grep -nE 'from course\.progress\.(models|learners|summary) import .*(Learner\b|current_learner|reading_learner|learner_for_user|adopt_browser_progress|merge_learners|SESSION_KEY|QuizStatus)' $FILES || true

# 4. The languages module (part 4): course/languages.py defines them; nothing else lists them.
#    DEFAULT_LANGUAGE moves from course.i18n; the LANGUAGES constants of course.i18n and
#    course.content.yamlnode are gone: the languages in force are `languages()` (by code) in a
#    request, `node.languages` while content is parsed, `COURSE_CODES` in tests (tests.conftest.LANGS).
sed -i 's/^from course\.i18n import DEFAULT_LANGUAGE, LANGUAGES$/from course.languages import DEFAULT_LANGUAGE, languages/' $FILES
sed -i 's/^from course\.i18n import LANGUAGES, get_locale$/from course.i18n import get_locale\nfrom course.languages import languages/' $FILES
sed -i 's/^from course\.i18n import LANGUAGES$/from course.languages import languages/' $FILES
# What is left for a hand (prints nothing when done): a LANGUAGES constant still used in Python
# (`in LANGUAGES` → `in languages()`; in content parsing `node.languages`), a Node built directly
# (it takes `languages=`: use `node.child(...)` or the loader's `node(...)`).
grep -nE '\bLANGUAGES\b' $(git ls-files '*.py' | grep -v '^course/languages.py$') | grep -vE 'config\[.LANGUAGES.\]|LANGUAGES=|"LANGUAGES"' || true
grep -nE '(^|[^.a-z_])Node\(' $(git ls-files '*.py' | grep -v '^course/content/yamlnode.py$') | grep -v 'languages=' || true

# Last: sort the rewritten import blocks (ruff's isort rule, as in the project's lint).
ruff_bin=$(command -v .venv/bin/ruff || command -v ruff)
"$ruff_bin" check --select I --fix --quiet . || true
