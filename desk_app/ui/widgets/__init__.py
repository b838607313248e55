"""What several pages share: form rows and errors, dialogs, devices, paper previews, the task runner, words (labels, messages, language, help, text size)."""
