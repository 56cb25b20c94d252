"""Reading a question: its words, the periods it names, its clauses and the typed queries they become."""
