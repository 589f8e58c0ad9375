#!/usr/bin/env python3
"""A cyberdrill team client in ~100 lines of Python, written from docs/protocol.md alone.

It joins as a team, waits for an inject, marks it read, answers one of its tasks and prints the
server's acknowledgement (a JSON object on the last line of its output). It proves that the
protocol document is enough to write a client in another language.

    Scripts/ws-client ws://127.0.0.1:8080/ws TOKEN --task I01.c2 --answer 203.0.113.66

Exit status: 0 acknowledged, 1 refused (the error is printed), 2 no answer in time.
"""
import argparse
import asyncio
import json
import sys
import uuid

import websockets


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="ws://HOST:PORT/ws")
    parser.add_argument("token")
    parser.add_argument("--task", help="INJECT.TASK to answer (default: the first task of the first inject)")
    parser.add_argument("--answer", required=True, help="the answer's value")
    parser.add_argument("--timeout", type=float, default=30)
    args = parser.parse_args()

    async with websockets.connect(args.url, max_size=32 * 1024 * 1024) as ws:
        async def send(message: dict) -> None:
            await ws.send(json.dumps({"v": 1, **message}))

        # 1. hello: the token decides who we are; lastSeq 0 asks for the whole feed.
        await send({"type": "hello", "token": args.token, "lastSeq": 0, "client": "ws-client.py"})
        submission = str(uuid.uuid4())
        answered = False
        last_seq = 0

        async def frames():
            while True:
                yield json.loads(await asyncio.wait_for(ws.recv(), timeout=args.timeout))

        try:
            async for frame in frames():
                kind = frame["type"]
                # 2. Feed messages carry seq: 1, 2, 3, … (a reconnecting client sends the last one).
                if "seq" in frame:
                    if frame["seq"] <= last_seq:
                        continue
                    last_seq = frame["seq"]
                if kind == "welcome":
                    print(f"welcome: {frame['identity']} in \"{frame['scenario']['title']}\", "
                          f"{frame['clock']['phase']}, feed at seq {frame['feedSeq']}")
                elif kind == "error":
                    print(f"error {frame['code']}: {frame['message']}")
                    if frame.get("ref") in ("answer", None) or frame["code"] == "unauthorized":
                        return 1
                elif kind == "inject" and not answered:
                    # 3. An inject for our team: read it, then answer one of its tasks.
                    print(f"inject {frame['inject']}: {frame['title']}")
                    tasks = [t["task"] for t in frame["tasks"]]
                    task = args.task or (tasks[0] if tasks else None)
                    if task not in tasks:
                        continue
                    await send({"type": "read", "inject": frame["inject"], "ref": "read"})
                    await send({"type": "submit", "ref": "answer", "submission": submission,
                                "task": task, "values": [args.answer]})
                    answered = True
                elif kind == "ok" and frame.get("ref") == "answer":
                    print(f"ok: submission {frame['submission']} journaled")
                elif kind == "ack" and frame["submission"] == submission:
                    # 4. The acknowledgement, sent once the answer is durable, with our score.
                    score = frame["score"]
                    print(f"ack: {frame['task']} {score['outcome']}: {score['reason']}")
                    print(json.dumps(frame, ensure_ascii=False))
                    return 0
        except asyncio.TimeoutError:
            print("no acknowledgement in time (is the exercise started?)")
            return 2
    return 2


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
