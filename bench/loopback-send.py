#!/usr/bin/env python3
# The floor under a fan-out (docs/benchmarks.md#fan-out-one-frame-a-message-node-red-against-the-production-start-2026-12-07-evening):
# the CPU one loopback send() of a 600-byte message costs the sender, 1,000 sockets in turn, their reader in
# another process, as a screen is. Usage: python3 bench/loopback-send.py
import socket, os, time, selectors, sys
N=1000; MSG=b'x'*600; ROUNDS=40
ls=socket.socket(); ls.bind(('127.0.0.1',0)); ls.listen(2048); port=ls.getsockname()[1]
pid=os.fork()
if pid==0:
    sel=selectors.DefaultSelector(); cs=[]
    for i in range(N):
        c=socket.create_connection(('127.0.0.1',port)); c.setblocking(False); sel.register(c,selectors.EVENT_READ); cs.append(c)
    total=0; want=N*ROUNDS*len(MSG)
    while total<want:
        for k,_ in sel.select(1):
            try: total+=len(k.fileobj.recv(65536))
            except BlockingIOError: pass
    os._exit(0)
ss=[ls.accept()[0] for _ in range(N)]
time.sleep(0.5)
t0=os.times(); w0=time.perf_counter()
for r in range(ROUNDS):
    for s in ss: s.send(MSG)
    time.sleep(0.02)
t1=os.times(); w1=time.perf_counter()
n=N*ROUNDS
print(f"per send: user {(t1.user-t0.user)/n*1e6:.1f} us, sys {(t1.system-t0.system)/n*1e6:.1f} us")
os.waitpid(pid,0)
