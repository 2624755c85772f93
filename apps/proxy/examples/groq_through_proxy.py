"""Chat (plain and streamed) and a transcription through the groqmeter proxy, standard library only.

    GROQ_API_KEY=gsk_... python3 groq_through_proxy.py [BASE_URL]

BASE_URL defaults to http://127.0.0.1:8787/openai/v1 (a local groqmeter-proxy).
"""

import io
import json
import os
import sys
import urllib.request
import uuid
import wave

BASE_URL = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8787/openai/v1"
HEADERS = {
    "Authorization": "Bearer " + os.environ["GROQ_API_KEY"],
    # Attribution: `feature` becomes a label; `user.id` stays on the span (and in the ledger).
    "x-groqmeter-feature": "support-chat",
    "x-groqmeter-user-id": "42",
}


def post(path, body, content_type="application/json"):
    request = urllib.request.Request(
        BASE_URL + path, data=body, method="POST", headers={**HEADERS, "Content-Type": content_type}
    )
    return urllib.request.urlopen(request)


def chat(stream):
    body = {
        "model": "openai/gpt-oss-20b",
        "messages": [{"role": "user", "content": "Tell me about rivers"}],
        "stream": stream,
    }
    with post("/chat/completions", json.dumps(body).encode()) as response:
        if not stream:
            answer = json.load(response)
            return answer["choices"][0]["message"]["content"], answer["usage"]["total_tokens"]
        text, chunks = "", 0
        for line in response:  # each SSE line as it arrives
            if line.startswith(b"data: ") and line.strip() != b"data: [DONE]":
                chunks += 1
                text += json.loads(line[6:])["choices"][0]["delta"].get("content") or ""
        return text, chunks


def five_seconds_of_silence():
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
        wav.writeframes(b"\0\0" * 16000 * 5)
    return buffer.getvalue()


def transcribe(audio):
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="model"\r\n\r\nwhisper-large-v3\r\n'.encode(),
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="note.wav"\r\n'
        "Content-Type: audio/wav\r\n\r\n".encode()
        + audio
        + b"\r\n",
        f"--{boundary}--\r\n".encode(),
    ]
    with post("/audio/transcriptions", b"".join(parts), f"multipart/form-data; boundary={boundary}") as response:
        return json.load(response)["text"]


text, total_tokens = chat(stream=False)
print(f"chat: {len(text.split())} words, {total_tokens} tokens")
text, chunks = chat(stream=True)
print(f"chat stream: {len(text.split())} words in {chunks} chunks")
print(f"transcription: {len(transcribe(five_seconds_of_silence()).split())} words")
