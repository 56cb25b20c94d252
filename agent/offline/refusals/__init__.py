"""What the answerer does not answer (predictions, advice, out of data), help, and "not understood"."""
