// Placeholder until the CLI verbs land.
print("purejwt")
