"""The baseline: the smallest Flask app, served by gunicorn exactly like the course app."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Hello, World!"
