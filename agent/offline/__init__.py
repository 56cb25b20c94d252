"""The offline answerer: question -> typed queries -> tool results -> wording, one folder per kind of question."""
