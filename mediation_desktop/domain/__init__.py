"""Domain rules of people's mediation (人民调解): pure Python, no Qt, no database."""
