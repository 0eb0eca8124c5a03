"""An open aid: the option grid, personal risk, question prompts, and the pages for prompt sets and scores."""
