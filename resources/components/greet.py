"""Build a greeting for a name."""


def greet(name: str, greeting: str = "Hello") -> str:
    message = f"{greeting}, {name}!"
    print(message)
    return message
